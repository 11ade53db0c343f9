"""A custom `Initializer` subclass is given the kernel's values in its constructor and has no `get_config`; the model saves, but `load_model` rebuilds the initializer from an empty config and calls `FixedInit()` without the values it needs, even with the class in `custom_objects`.

Source: https://github.com/keras-team/keras/issues/12452
Shape: custom-initializer, class, sequential, save-load
Target: keras3
Runtime: raises TypeError: missing 1 required positional argument: 'values'
"""

import keras
import numpy as np


class FixedInit(keras.initializers.Initializer):  # expect: TFV202
    def __init__(self, values):
        self.values = values

    def __call__(self, shape, dtype=None):
        return keras.ops.reshape(keras.ops.convert_to_tensor(self.values, dtype=dtype), shape)


weights = np.linspace(-1.0, 1.0, 4 * 3).astype("float32")
model = keras.Sequential([
    keras.Input((4,)),
    keras.layers.Dense(3, kernel_initializer=FixedInit(weights)),
    keras.layers.Dense(1),
])
model.compile(optimizer="sgd", loss="mse")
model.fit(np.random.rand(8, 4), np.random.rand(8, 1), epochs=1, verbose=0)
model.save("model.keras")
model = keras.models.load_model("model.keras", custom_objects={"FixedInit": FixedInit})
