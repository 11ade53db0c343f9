"""A subclass of a built-in initializer that hands its `seed` to the base (tf_SIREN#17): without a get_config
of its own it saves the base's config, `scale`, `mode`... included, and load_model fails. Its own get_config
reads the seed back from the base's config, as the base saves it, so the loaded initializer draws the same."""

import os
import tempfile

import keras
import numpy as np


@keras.saving.register_keras_serializable(package="siren")
class SirenInit(keras.initializers.VarianceScaling):  # expect: TFV202
    def __init__(self, w0=1.0, c=6.0, seed=None):
        self.w0 = w0
        self.c = c
        super().__init__(scale=c / (3.0 * w0 * w0), mode="fan_in", distribution="uniform", seed=seed)


def build():
    inputs = keras.Input((2,))
    outputs = keras.layers.Dense(3, kernel_initializer=SirenInit(w0=2.0, seed=7), name="dense")(inputs)
    return keras.Model(inputs, outputs)


model = build()
path = os.path.join(tempfile.mkdtemp(), "siren.keras")
model.save(path)
restored = keras.models.load_model(path)
print(np.allclose(restored.get_layer("dense").kernel.numpy(), model.get_layer("dense").kernel.numpy()))
