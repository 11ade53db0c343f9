"""A local-response-normalisation layer whose `get_config` starts from `super().get_config()` (the layer's own name, trainable, dtype) and adds its hyper-parameters; a model with two LRN layers saves and loads, each keeping its own name.

Source: https://github.com/keras-team/keras/issues/11210
Shape: subclassed, functional, save-load, two-instances
Target: keras3
Runtime: runs
"""

import os
import tempfile

import numpy as np
import keras  # noqa: F401
from keras import ops
from keras.layers import Conv2D, Flatten, Dense, Input, Layer, MaxPooling2D
from keras.models import Model, load_model


class LRN(Layer):
    def __init__(self, alpha=0.0001, k=1, beta=0.75, n=5, **kwargs):
        self.alpha = alpha
        self.k = k
        self.beta = beta
        self.n = n
        super(LRN, self).__init__(**kwargs)

    def call(self, x):
        half_n = self.n // 2
        squared = ops.square(x)
        channels = ops.shape(x)[-1]
        padded = ops.pad(squared, [[0, 0], [0, 0], [0, 0], [half_n, half_n]])
        scale = self.k
        norm_alpha = self.alpha / self.n
        for i in range(self.n):
            scale += norm_alpha * padded[:, :, :, i:i + channels]
        scale = scale ** self.beta
        return x / scale

    def get_config(self):
        config = super(LRN, self).get_config()
        config["alpha"] = self.alpha
        config["k"] = self.k
        config["beta"] = self.beta
        config["n"] = self.n
        return config


inputs = Input((16, 16, 3))
x = Conv2D(8, 3, padding="same", activation="relu")(inputs)
x = LRN()(x)
x = MaxPooling2D()(x)
x = Conv2D(8, 3, padding="same", activation="relu")(x)
x = LRN()(x)
x = MaxPooling2D()(x)
outputs = Dense(2, activation="softmax")(Flatten()(x))
model = Model(inputs, outputs)
model.compile("adam", "sparse_categorical_crossentropy")
model.fit(np.random.rand(4, 16, 16, 3), np.array([0, 1, 0, 1]), epochs=1, verbose=0)

path = os.path.join(tempfile.mkdtemp(), "lrn.keras")
model.save(path)
model2 = load_model(path, custom_objects={"LRN": LRN})
print([layer.name for layer in model2.layers])
