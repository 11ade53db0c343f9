# tf_keras layers that make two weights with add_weight and no name, saved to HDF5 (tensorflow#36650): both are
# Variable:0 in the layer's scope, and the HDF5 writer raises "name already exists".
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import numpy as np
import tensorflow as tf
import tf_keras as keras


class Linear(keras.layers.Layer):
    def __init__(self, units=4, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros")  # expect: TFV202

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b


class Scale(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.gain = self.add_weight(shape=(), initializer="ones")
        self.shift = self.add_weight(shape=(), initializer="zeros")  # expect: TFV202

    def call(self, inputs):
        return inputs * self.gain + self.shift


def save_weights():
    model = keras.Sequential([keras.Input((3,)), Linear(2)])
    model.save_weights("linear.h5")


def save_model():
    model = keras.Sequential([keras.Input((3,)), Scale()])
    model.compile(optimizer="sgd", loss="mse")
    model.save("scale.h5")


def fit_with_checkpoint():
    model = keras.Sequential([keras.Input((3,)), Linear(2)])
    model.compile(optimizer="sgd", loss="mse")
    checkpoint = keras.callbacks.ModelCheckpoint("best.h5", save_weights_only=True)
    model.fit(np.zeros((4, 3)), np.zeros((4, 2)), epochs=1, verbose=0, callbacks=[checkpoint])


class Offset(keras.layers.Layer):
    # No fix: the second weight is bound to no attribute, so there is no name to give it from the code.
    def build(self, input_shape):
        self.offset = self.add_weight(shape=(input_shape[-1],), initializer="zeros")
        self.add_weight(shape=(), initializer="ones")  # expect: TFV202

    def call(self, inputs):
        return inputs + self.offset


def save_offset():
    model = keras.Sequential([keras.Input((3,)), Offset()])
    model.save_weights("offset.h5")


def build():
    return keras.Sequential([keras.Input((3,)), Linear(2), Scale()])
