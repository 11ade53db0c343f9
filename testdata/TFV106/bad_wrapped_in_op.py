# keras#4401: a variable made in `build` and handed straight to an op; the attribute holds the op's tensor, so no
# attribute holds the variable and Keras 3 tracks nothing (a tf.Variable or a keras.Variable alike).
import numpy as np
import tensorflow as tf
import keras
from keras import ops


class MelNormalizer(keras.layers.Layer):
    def build(self, input_shape):
        self.means = ops.expand_dims(keras.Variable(np.zeros(4, "float32")), 1)  # expect: TFV106
        self.stds = tf.reshape(tf.Variable(tf.ones((4,))), (4, 1))  # expect: TFV106

    def call(self, x):
        return (x - self.means) / self.stds


layer = MelNormalizer()
layer(np.ones((2, 4, 3), "float32"))
assert layer.weights == []
