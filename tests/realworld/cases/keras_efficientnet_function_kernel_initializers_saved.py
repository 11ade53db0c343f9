"""An EfficientNet-style builder gives its convolutions and its head the module functions `conv_kernel_initializer` / `dense_kernel_initializer` (the TPU reference's fan-out normal and uniform draws); the trained model saves, but `load_model` cannot turn the saved bare function names back into initializers.

Source: https://github.com/qubvel/efficientnet/issues/2
Shape: function-initializer, helper, block-function, loop, functional, save-load
Target: keras3
Runtime: raises TypeError: Could not interpret initializer identifier
"""

import os
import tempfile

import numpy as np
import keras
from keras import backend as K
from keras import layers as KL


def conv_kernel_initializer(shape, dtype=K.floatx()):  # expect: TFV202
    kernel_height, kernel_width, _, out_filters = shape
    fan_out = int(kernel_height * kernel_width * out_filters)
    return keras.random.normal(shape, mean=0.0, stddev=np.sqrt(2.0 / fan_out), dtype=dtype)


def dense_kernel_initializer(shape, dtype=K.floatx()):  # expect: TFV202
    init_range = 1.0 / np.sqrt(shape[1])
    return keras.random.uniform(shape, -init_range, init_range, dtype=dtype)


def mb_conv_block(inputs, filters, expand_ratio):
    x = KL.Conv2D(filters * expand_ratio, 1, padding="same", use_bias=False,
                  kernel_initializer=conv_kernel_initializer)(inputs)
    x = KL.BatchNormalization()(x)
    x = KL.Activation("swish")(x)
    x = KL.DepthwiseConv2D(3, padding="same", use_bias=False, depthwise_initializer=conv_kernel_initializer)(x)
    x = KL.Conv2D(filters, 1, padding="same", use_bias=False, kernel_initializer=conv_kernel_initializer)(x)
    return KL.BatchNormalization()(x)


def EfficientNet(input_shape, blocks_args, classes):
    inputs = KL.Input(input_shape)
    x = KL.Conv2D(8, 3, strides=2, padding="same", kernel_initializer=conv_kernel_initializer)(inputs)
    for filters, expand_ratio in blocks_args:
        x = mb_conv_block(x, filters, expand_ratio)
    x = KL.GlobalAveragePooling2D()(x)
    outputs = KL.Dense(classes, activation="softmax", kernel_initializer=dense_kernel_initializer)(x)
    return keras.Model(inputs, outputs)


model = EfficientNet((16, 16, 3), [(8, 1), (12, 6)], classes=3)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(np.random.rand(6, 16, 16, 3), np.array([0, 1, 2, 0, 1, 2]), epochs=1, verbose=0)

modelfile = os.path.join(tempfile.mkdtemp(), "effnet_b3.keras")
model.save(modelfile)
model = keras.models.load_model(modelfile)
print(model.count_params())
