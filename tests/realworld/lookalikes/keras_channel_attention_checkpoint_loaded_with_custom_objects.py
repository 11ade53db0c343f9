"""A 3D attention block's `Channel_attention(ratio)` layer has no `get_config` and no `**kwargs`; under tf_keras 2.21 the layer's config is derived from its constructor arguments, so the full-model `ModelCheckpoint` writes and the file loads with `custom_objects` (the reported save error does not reproduce).

Source: https://github.com/laugh12321/3D-Attention-Keras/issues/1
Shape: subclassed, callback, helper, functional, load
Target: tf_keras
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers
from tensorflow.keras.callbacks import ModelCheckpoint


class Channel_attention(layers.Layer):
    def __init__(self, ratio=4):
        super().__init__()
        self.ratio = ratio

    def build(self, input_shape):
        channels = input_shape[-1]
        self.squeeze = layers.Dense(max(channels // self.ratio, 1), activation="relu")
        self.excite = layers.Dense(channels, activation="sigmoid")
        super().build(input_shape)

    def call(self, inputs):
        pooled = tf.reduce_mean(inputs, axis=[1, 2, 3])
        weights = self.excite(self.squeeze(pooled))
        return inputs * weights[:, None, None, None, :]


def attention_net(shape):
    inputs = layers.Input(shape)
    x = layers.Conv3D(8, 3, padding="same", activation="relu")(inputs)
    x = Channel_attention(ratio=4)(x)
    x = layers.GlobalAveragePooling3D()(x)
    outputs = layers.Dense(2, activation="softmax")(x)
    return tf.keras.Model(inputs, outputs)


model = attention_net((6, 6, 6, 1))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
x = np.random.rand(8, 6, 6, 6, 1).astype("float32")
y = np.random.randint(0, 2, 8)
model.fit(x, y, epochs=2, verbose=0, callbacks=[ModelCheckpoint("attention_best.h5")])
restored = tf.keras.models.load_model("attention_best.h5", custom_objects={"Channel_attention": Channel_attention})
assert restored.layers[2].ratio == 4
