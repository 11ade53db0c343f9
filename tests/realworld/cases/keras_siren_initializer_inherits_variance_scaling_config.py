"""A SIREN package's initializer subclasses `VarianceScaling`, takes `w0` and `c` and turns them into `scale`/`mode`/`distribution` for the parent, but defines no `get_config`: the inherited config holds the parent's keys, so loading a saved model calls `SIRENInitializer(scale=..., mode=..., ...)` and fails.

Source: https://github.com/titu1994/tf_SIREN/issues/17
Shape: subclassed, parameter, functional
Target: keras3
Runtime: raises TypeError: unexpected keyword argument
"""

import os
import tempfile

import numpy as np
import keras


@keras.saving.register_keras_serializable(package="siren")
class SIRENInitializer(keras.initializers.VarianceScaling):  # expect: TFV202
    def __init__(self, w0: float = 1.0, c: float = 6.0, seed=None):
        self.w0 = w0
        self.c = c
        scale = c / (3.0 * w0 * w0)
        super().__init__(scale=scale, mode="fan_in", distribution="uniform", seed=seed)


@keras.saving.register_keras_serializable(package="siren")
class SinusodialRepresentationDense(keras.layers.Dense):
    def __init__(self, units, w0=1.0, c=6.0, **kwargs):
        kwargs.setdefault("kernel_initializer", SIRENInitializer(w0=w0, c=c))
        super().__init__(units, **kwargs)
        self.w0 = w0

    def call(self, inputs):
        return keras.ops.sin(self.w0 * super().call(inputs))

    def get_config(self):
        config = super().get_config()
        config.update({"w0": self.w0})
        return config


inputs = keras.Input((2,))
outputs = keras.layers.Dense(1)(SinusodialRepresentationDense(8, w0=1.0)(inputs))
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(4, 2), np.random.rand(4, 1), epochs=1, verbose=0)

path = os.path.join(tempfile.mkdtemp(), "siren.keras")
model.save(path)
restored = keras.models.load_model(path)
