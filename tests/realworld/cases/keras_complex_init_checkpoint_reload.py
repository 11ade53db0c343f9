"""Deep complex networks give their convolutions a `ComplexInit` initializer class (with `get_config`, unregistered); reloading the `ModelCheckpoint` file after training fails.

Source: https://github.com/ChihebTrabelsi/deep_complex_networks/issues/8
Shape: subclassed, callback, load, initializer
Target: keras3
Runtime: raises TypeError: could not be deserialized properly
"""

import numpy as np
import keras
from keras import initializers, layers


class ComplexInit(initializers.Initializer):  # expect: TFV202
    def __init__(self, criterion="he", seed=None):
        self.criterion = criterion
        self.seed = seed

    def __call__(self, shape, dtype=None):
        fan_in = int(np.prod(shape[:-1]))
        scale = np.sqrt(2.0 / fan_in) if self.criterion == "he" else np.sqrt(1.0 / fan_in)
        return keras.random.normal(shape, stddev=scale, dtype=dtype, seed=self.seed)

    def get_config(self):
        return {"criterion": self.criterion, "seed": self.seed}


def complex_net():
    inputs = keras.Input((8, 8, 2))
    x = layers.Conv2D(4, 3, padding="same", kernel_initializer=ComplexInit("he"))(inputs)
    x = layers.Conv2D(4, 3, padding="same", kernel_initializer=ComplexInit("glorot"))(x)
    return keras.Model(inputs, layers.Dense(2)(layers.Flatten()(x)))


model = complex_net()
model.compile(optimizer="sgd", loss="mse")
model.fit(np.random.rand(4, 8, 8, 2), np.random.rand(4, 2), epochs=1, verbose=0,
          callbacks=[keras.callbacks.ModelCheckpoint("complex.keras")])
model = keras.models.load_model("complex.keras")
