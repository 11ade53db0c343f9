"""An MLP-Mixer block writes a `get_config` that leaves out its required `hidden_dim`, so the saved model cannot be loaded back.

Source: https://github.com/Benjamin-Etheredge/mlp-mixer-keras/issues/2
Shape: subclassed-layer, functional, save-load
Target: keras3
Runtime: raises TypeError: missing 1 required positional argument: 'hidden_dim'
"""

import os
import tempfile

import keras
import numpy as np


class MlpBlock(keras.layers.Layer):
    def __init__(self, dim, hidden_dim, activation="gelu", **kwargs):
        super().__init__(**kwargs)
        self.dim = dim
        self.hidden_dim = hidden_dim
        self.activation = activation
        self.dense1 = keras.layers.Dense(hidden_dim, activation=activation)
        self.dense2 = keras.layers.Dense(dim)

    def call(self, x):
        return self.dense2(self.dense1(x))

    def get_config(self):  # expect: TFV202
        config = super().get_config()
        config.update({"dim": self.dim, "activation": self.activation})
        return config


inputs = keras.Input((4, 6))
outputs = MlpBlock(6, 12)(inputs)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="mse")
model.fit(np.zeros((2, 4, 6)), np.zeros((2, 4, 6)), verbose=0)
path = os.path.join(tempfile.mkdtemp(), "mixer.keras")
model.save(path)
loaded = keras.models.load_model(path, custom_objects={"MlpBlock": MlpBlock})
print(loaded.summary())
