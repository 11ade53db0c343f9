"""A spectrogram normalisation layer makes its trainable per-band means and stds as Keras variables in `build` but keeps only `expand_dims(...)` of them; the layer holds tensors, not the variables, so it has no weights and `fit` never moves them.

Source: https://github.com/keras-team/keras/issues/4401
Shape: custom-layer, class-attribute, parameter, sequential, fit
Target: keras3
Runtime: silent: the layer has no trainable weights, so fit leaves the means and stds at their start values
"""

import numpy as np
import keras
from keras import ops


class MelNormalizer(keras.layers.Layer):
    def __init__(self, means, stds, **kwargs):
        super().__init__(**kwargs)
        self.init_means = means
        self.init_stds = stds

    def build(self, input_shape):
        self.means = ops.expand_dims(keras.Variable(np.array(self.init_means, "float32"), name="{}_means".format(self.name)), 1)  # expect: TFV106
        self.stds = ops.expand_dims(keras.Variable(np.array(self.init_stds, "float32"), name="{}_stds".format(self.name)), 1)  # expect: TFV106

    def call(self, x):
        # x: (batch, n_mels, frames)
        return (x - self.means) / self.stds


n_mels, frames = 4, 6
norm = MelNormalizer(means=[0.0] * n_mels, stds=[1.0] * n_mels)
model = keras.Sequential([keras.Input((n_mels, frames)), norm, keras.layers.Flatten(), keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
x = np.random.rand(16, n_mels, frames).astype("float32") + 3.0
model.fit(x, np.zeros((16, 1), "float32"), epochs=2, verbose=0)
print("normalizer weights:", [w.path for w in norm.weights])
if not norm.trainable_weights:
    print("TFVARFIX-BUG: the means and stds are not layer weights and were never trained")
