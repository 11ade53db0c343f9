"""The spectrogram normaliser written as Keras asks: the per-band means and stds are made with `add_weight` in `build` and only expanded to (n_mels, 1) inside `call`, so they are layer weights and `fit` trains them.

Source: https://github.com/keras-team/keras/issues/4401
Shape: custom-layer, class-attribute, parameter, sequential, fit
Target: keras3
Runtime: runs
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
        self.means = self.add_weight(name="means", shape=(len(self.init_means),), initializer=keras.initializers.Constant(self.init_means))
        self.stds = self.add_weight(name="stds", shape=(len(self.init_stds),), initializer=keras.initializers.Constant(self.init_stds))

    def call(self, x):
        return (x - ops.expand_dims(self.means, 1)) / ops.expand_dims(self.stds, 1)


n_mels, frames = 4, 6
norm = MelNormalizer(means=[0.0] * n_mels, stds=[1.0] * n_mels)
model = keras.Sequential([keras.Input((n_mels, frames)), norm, keras.layers.Flatten(), keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
x = np.random.rand(16, n_mels, frames).astype("float32") + 3.0
model.fit(x, np.zeros((16, 1), "float32"), epochs=2, verbose=0)
print("normalizer weights:", [w.path for w in norm.weights])
assert len(norm.trainable_weights) == 2
