"""A fused-ensemble notebook builds each member with the same helper (a truncated DenseNet-style stem whose layers carry fixed names like `conv1_conv`), calls the helper once per member on one shared input, and joins the members' outputs in one functional model: every fixed name now appears once per member.

Source: https://github.com/francismontalbo/fused-densenet-tiny/issues/1
Shape: helper, loop, container, functional
Target: keras3
Runtime: raises ValueError: is used 2 times in the model
"""

import keras
from keras import layers


def densenet_tiny_stem(x):
    x = layers.Conv2D(8, 3, padding="same", use_bias=False, name="conv1_conv")(x)  # expect: TFV104
    x = layers.BatchNormalization(name="conv1_bn")(x)  # expect: TFV104
    x = layers.Activation("relu", name="conv1_relu")(x)  # expect: TFV104
    return layers.GlobalAveragePooling2D(name="avg_pool")(x)  # expect: TFV104


def fused_densenet_tiny(num_members, model_input, num_classes=3):
    outputs = [densenet_tiny_stem(model_input) for _ in range(num_members)]
    y = layers.Concatenate()(outputs)
    y = layers.Dropout(0.5)(y)
    prediction = layers.Dense(num_classes, activation="softmax", name="Softmax_Classifier")(y)
    return keras.Model(model_input, prediction, name="fused_densenet_tiny")


model_input = keras.Input((16, 16, 3))
model = fused_densenet_tiny(2, model_input)
