# Near misses in tf_keras: named weights saved to HDF5, one unnamed weight beside a named one, and unnamed
# weights saved in the `.weights.h5` format, which does not key weights by name.
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow as tf
import tf_keras as keras


class Named(keras.layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(name="w", shape=(input_shape[-1], 2), initializer="random_normal")
        self.b = self.add_weight("b", shape=(2,), initializer="zeros")

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b


class OneUnnamed(keras.layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], 2), initializer="random_normal")
        self.b = self.add_weight(name="bias", shape=(2,), initializer="zeros")

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b


def save_named():
    model = keras.Sequential([keras.Input((3,)), Named()])
    model.save_weights("named.h5")


def save_one_unnamed():
    model = keras.Sequential([keras.Input((3,)), OneUnnamed()])
    model.save_weights("one.h5")
