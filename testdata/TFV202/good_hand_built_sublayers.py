# tf_keras custom layers with built-in sub-layers, saved to HDF5, whose weight names do not clash: a Dense and a
# BatchNormalization built by hand (kernel and moving_mean), each hand build under the sub-layer's name scope, and
# sub-layers built by their first call.
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import numpy as np
import tensorflow as tf
import tf_keras as keras


class DenseThenNorm(keras.layers.Layer):
    def __init__(self, units=4, **kwargs):
        super().__init__(**kwargs)
        self.dense = keras.layers.Dense(units)
        self.norm = keras.layers.BatchNormalization()

    def build(self, input_shape):
        self.dense.build(input_shape)
        self.norm.build((input_shape[0], self.dense.units))
        super().build(input_shape)

    def call(self, inputs, training=None):
        return self.norm(self.dense(inputs), training=training)


class Scoped(keras.layers.Layer):
    def __init__(self, units=4, **kwargs):
        super().__init__(**kwargs)
        self.features = keras.layers.Dense(units, name="features")
        self.gate = keras.layers.Dense(units, activation="sigmoid", name="gate")

    def build(self, input_shape):
        with tf.name_scope(self.features.name):
            self.features.build(input_shape)
        with tf.name_scope(self.gate.name):
            self.gate.build(input_shape)
        super().build(input_shape)

    def call(self, inputs):
        return self.features(inputs) * self.gate(inputs)


class Called(keras.layers.Layer):
    def __init__(self, units=4, **kwargs):
        super().__init__(**kwargs)
        self.features = keras.layers.Dense(units)
        self.gate = keras.layers.Dense(units, activation="sigmoid")

    def call(self, inputs):
        return self.features(inputs) * self.gate(inputs)


def save_model():
    model = keras.Sequential([keras.Input((3,)), DenseThenNorm(), Scoped(), Called()])
    model.save("good.h5")
    return model, keras.models.load_model(
        "good.h5", custom_objects={"DenseThenNorm": DenseThenNorm, "Scoped": Scoped, "Called": Called}
    )
