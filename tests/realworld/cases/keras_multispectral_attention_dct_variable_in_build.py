"""A frequency-channel attention layer (FcaNet) keeps its fixed DCT filter bank as `self.dynamic_weight = tf.Variable(...)` made in `build()`; Keras 3 does not track a raw `tf.Variable`, so the filter is missing from the layer's weights and from the saved file, and the layer, whose `__init__` takes no `**kwargs` and which has no `get_config`, cannot be rebuilt by `load_model` either.

Source: https://github.com/tensorflow/tensorflow/issues/51096
Shape: custom-layer, build, tf-variable, sublayers-in-build, save-load
Target: keras3
Runtime: raises TypeError: MultiSpectralAttentionLayer.__init__() got an unexpected keyword argument
"""

import math
import os
import tempfile

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class MultiSpectralAttentionLayer(layers.Layer):  # expect: TFV202
    def __init__(self, reduction=16, freq_sel_method="top16"):
        super(MultiSpectralAttentionLayer, self).__init__()
        self.reduction = reduction
        self.freq_sel_method = freq_sel_method

    def build(self, input_shape):
        _, h, w, c = input_shape
        self.channel = int(c)
        self.fc1 = layers.Dense(max(1, self.channel // self.reduction), use_bias=True, activation="relu")
        self.fc2 = layers.Dense(self.channel, use_bias=True, activation="sigmoid")
        self.reshapeTensor = layers.Reshape((1, 1, c))
        self.mapper_x, self.mapper_y = self.get_freq_indices(self.freq_sel_method)
        self.dynamic_weight = tf.Variable(self.get_dct_filter(h, w, self.mapper_x, self.mapper_y, channel=c))  # expect: TFV106

    def get_freq_indices(self, method):
        return [0, 1], [0, 0]

    def build_filter(self, pos, freq, POS):
        result = math.cos(math.pi * freq * (pos + 0.5) / POS) / math.sqrt(POS)
        return result if freq == 0 else result * math.sqrt(2)

    def get_dct_filter(self, tile_size_x, tile_size_y, mapper_x, mapper_y, channel):
        dct_filter = np.zeros((tile_size_x, tile_size_y, channel), dtype="float32")
        c_part = channel // len(mapper_x)
        for i, (u_x, v_y) in enumerate(zip(mapper_x, mapper_y)):
            for t_x in range(tile_size_x):
                for t_y in range(tile_size_y):
                    value = self.build_filter(t_x, u_x, tile_size_x) * self.build_filter(t_y, v_y, tile_size_y)
                    dct_filter[t_x, t_y, i * c_part:(i + 1) * c_part] = value
        return dct_filter

    def call(self, x):
        y = tf.reduce_sum(x * self.dynamic_weight, axis=[1, 2])
        y = self.fc2(self.fc1(y))
        return x * self.reshapeTensor(y)


inputs = keras.Input((7, 7, 16))
x = layers.Conv2D(16, 3, padding="same")(inputs)
x = MultiSpectralAttentionLayer(reduction=4)(x)
outputs = layers.Dense(2, activation="softmax")(layers.GlobalAveragePooling2D()(x))
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(np.random.rand(4, 7, 7, 16), np.array([0, 1, 0, 1]), epochs=1, verbose=0)
print([w.name for w in model.layers[2].weights])

path = os.path.join(tempfile.mkdtemp(), "fca.keras")
model.save(path)
restored = keras.models.load_model(path, custom_objects={"MultiSpectralAttentionLayer": MultiSpectralAttentionLayer})
print(restored.count_params())
