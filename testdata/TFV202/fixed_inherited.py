"""A subclass of a built-in initializer without a get_config of its own (tf_SIREN#17): it saves the
base's config, whose keys its __init__ cannot take, so load_model fails."""

import os
import tempfile

import keras
import numpy as np


@keras.saving.register_keras_serializable(package="siren")
class SirenInit(keras.initializers.VarianceScaling):  # expect: TFV202
    def __init__(self, w0=1.0, c=6.0):
        self.w0 = w0
        self.c = c
        super().__init__(scale=c / (3.0 * w0 * w0), mode="fan_in", distribution="uniform")

    def get_config(self):
        return {"w0": self.w0, "c": self.c}


def build():
    inputs = keras.Input((2,))
    outputs = keras.layers.Dense(3, kernel_initializer=SirenInit(w0=2.0), name="dense")(inputs)
    return keras.Model(inputs, outputs)


model = build()
path = os.path.join(tempfile.mkdtemp(), "siren.keras")
model.save(path)
restored = keras.models.load_model(path)
print(np.allclose(restored.get_layer("dense").kernel.numpy(), model.get_layer("dense").kernel.numpy()))
