"""A `keras.Model` subclass builds its graph in `__init__` from its own keyword arguments (`n_hidden`, `units`) and passes `inputs`/`outputs` to `super().__init__`; with those extra constructor arguments Keras 3 no longer derives a functional config, the class has no `get_config`, and loading the saved `.keras` file (the class given in `custom_objects`) cannot call `__init__` with the arguments it needs.

Source: https://github.com/keras-team/keras/issues/21546
Shape: subclassed, functional, loop, parameter, save-load
Target: keras3
Runtime: raises TypeError: could not be deserialized properly
"""

import numpy as np
import keras


class DenseStack(keras.Model):  # expect: TFV202
    def __init__(self, input_dim, n_hidden, units, **kwargs):
        inputs = keras.Input((input_dim,))
        x = inputs
        for i in range(n_hidden):
            x = keras.layers.Dense(units, activation="relu", name=f"hidden_{i}")(x)
        outputs = keras.layers.Dense(1, name="head")(x)
        super().__init__(inputs=inputs, outputs=outputs, **kwargs)
        self.input_dim = input_dim
        self.n_hidden = n_hidden
        self.units = units


model = DenseStack(input_dim=4, n_hidden=2, units=8, name="dense_stack")
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(8, 4), np.random.rand(8, 1), epochs=1, verbose=0)
model.save("dense_stack.keras")
restored = keras.models.load_model("dense_stack.keras", custom_objects={"DenseStack": DenseStack})
