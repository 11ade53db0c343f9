# Near miss in tf_keras: unnamed weights saved in the `.weights.h5` format, which does not key weights by name
# (this module writes no legacy HDF5 file).
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow as tf
import tf_keras as keras


class Linear(keras.layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], 2), initializer="random_normal")
        self.b = self.add_weight(shape=(2,), initializer="zeros")

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b


def save_new_format():
    model = keras.Sequential([keras.Input((3,)), Linear()])
    model.save_weights("linear.weights.h5")

