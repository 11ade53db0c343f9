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
outputs = layer(np.ones((2, 4, 3), "float32"))
print("weights:", len(layer.weights))  # 0: the layer tracks neither variable


class Centered(keras.layers.Layer):
    # No fix: the tensor is also read outside the class (`centered.center`), where an op would have to go too.
    def build(self, input_shape):
        self.center = ops.expand_dims(keras.Variable(np.full(4, 0.5, "float32")), 1)  # expect: TFV106

    def call(self, x):
        return x - self.center


centered = Centered()
centered_outputs = centered(np.ones((2, 4, 3), "float32"))
print("center:", tuple(centered.center.shape))
