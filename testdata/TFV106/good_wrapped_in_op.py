# Near misses of a variable wrapped in an op: the weight made with add_weight and expanded in `call`; a
# keras.Variable held by the attribute itself (Keras 3 tracks it) and expanded in `call`.
import numpy as np
import keras
from keras import ops


class MelNormalizer(keras.layers.Layer):
    def build(self, input_shape):
        self.means = self.add_weight(shape=(4,), initializer="zeros", name="means")
        self.stds = keras.Variable(np.ones(4, "float32"), name="stds")

    def call(self, x):
        return (x - ops.expand_dims(self.means, 1)) / ops.expand_dims(self.stds, 1)


layer = MelNormalizer()
layer(np.ones((2, 4, 3), "float32"))
assert len(layer.weights) == 2
