"""The fixed SIREN initializer: it still subclasses `VarianceScaling` but returns its own constructor arguments from `get_config`, so a saved model loads back.

Source: https://github.com/titu1994/tf_SIREN/issues/17
Shape: subclassed, parameter, functional
Target: keras3
Runtime: runs
"""

import os
import tempfile

import numpy as np
import keras


@keras.saving.register_keras_serializable(package="siren_ok")
class SIRENInitializer(keras.initializers.VarianceScaling):
    def __init__(self, w0: float = 1.0, c: float = 6.0, seed=None):
        self.w0 = w0
        self.c = c
        super().__init__(scale=c / (3.0 * w0 * w0), mode="fan_in", distribution="uniform", seed=seed)

    def get_config(self):
        return {"w0": self.w0, "c": self.c, "seed": self.seed}


inputs = keras.Input((2,))
outputs = keras.layers.Dense(1)(keras.layers.Dense(8, kernel_initializer=SIRENInitializer(w0=1.0))(inputs))
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(4, 2), np.random.rand(4, 1), epochs=1, verbose=0)
path = os.path.join(tempfile.mkdtemp(), "siren.keras")
model.save(path)
restored = keras.models.load_model(path)
