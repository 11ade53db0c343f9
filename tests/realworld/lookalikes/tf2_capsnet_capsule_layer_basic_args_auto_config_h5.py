"""CapsNet's `CapsuleLayer(num_capsule, dim_capsule, routings, kernel_initializer="glorot_uniform")` has no `get_config`, but every constructor argument is a plain int or string, so tf_keras records them itself (measured on tf_keras 2.21); the HDF5 round trip with `custom_objects` that failed for the PR's author in 2018 Keras now works.

Source: https://github.com/XifengGuo/CapsNet-Keras/pull/59
Shape: subclassed, helper, functional, save
Target: tf_keras
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf
from tensorflow.keras import backend as K
from tensorflow.keras import initializers, layers, models


def squash(vectors, axis=-1):
    s_squared_norm = tf.reduce_sum(tf.square(vectors), axis, keepdims=True)
    scale = s_squared_norm / (1 + s_squared_norm) / tf.sqrt(s_squared_norm + K.epsilon())
    return scale * vectors


class Length(layers.Layer):
    def call(self, inputs, **kwargs):
        return tf.sqrt(tf.reduce_sum(tf.square(inputs), -1) + K.epsilon())


class CapsuleLayer(layers.Layer):
    def __init__(self, num_capsule, dim_capsule, routings=3, kernel_initializer="glorot_uniform", **kwargs):
        super(CapsuleLayer, self).__init__(**kwargs)
        self.num_capsule = num_capsule
        self.dim_capsule = dim_capsule
        self.routings = routings
        self.kernel_initializer = initializers.get(kernel_initializer)

    def build(self, input_shape):
        self.input_num_capsule = input_shape[1]
        self.input_dim_capsule = input_shape[2]
        self.W = self.add_weight(
            shape=[self.num_capsule, self.input_num_capsule, self.dim_capsule, self.input_dim_capsule],
            initializer=self.kernel_initializer, name="W")
        self.built = True

    def call(self, inputs, training=None):
        inputs_hat = tf.einsum("bij,kimj->bkim", inputs, self.W)
        b = tf.zeros_like(inputs_hat[..., 0])
        for i in range(self.routings):
            c = tf.nn.softmax(b, axis=1)
            outputs = squash(tf.einsum("bki,bkim->bkm", c, inputs_hat))
            if i < self.routings - 1:
                b += tf.einsum("bkm,bkim->bki", outputs, inputs_hat)
        return outputs


def PrimaryCap(inputs, dim_capsule, n_channels, kernel_size, strides, padding):
    output = layers.Conv2D(filters=dim_capsule * n_channels, kernel_size=kernel_size, strides=strides,
                           padding=padding, name="primarycap_conv2d")(inputs)
    outputs = layers.Reshape(target_shape=[-1, dim_capsule], name="primarycap_reshape")(output)
    return layers.Lambda(squash, name="primarycap_squash")(outputs)


def CapsNet(input_shape, n_class, routings):
    x = layers.Input(shape=input_shape)
    conv1 = layers.Conv2D(filters=16, kernel_size=5, strides=1, padding="valid", activation="relu", name="conv1")(x)
    primarycaps = PrimaryCap(conv1, dim_capsule=8, n_channels=4, kernel_size=5, strides=2, padding="valid")
    digitcaps = CapsuleLayer(num_capsule=n_class, dim_capsule=16, routings=routings, name="digitcaps")(primarycaps)
    out_caps = Length(name="capsnet")(digitcaps)
    return models.Model(x, out_caps)


model = CapsNet(input_shape=(16, 16, 1), n_class=4, routings=3)
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(8, 16, 16, 1), np.random.rand(8, 4), epochs=1, verbose=0)
model.save("trained_model.h5")
restored = models.load_model("trained_model.h5", custom_objects={"CapsuleLayer": CapsuleLayer, "Length": Length})
print(restored.predict(np.random.rand(2, 16, 16, 1), verbose=0))
