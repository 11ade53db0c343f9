"""A functional-subclass `DummyModel` (its `__init__` takes keyword-only `input_shape`, `filters` and `activation`, builds a small CNN and hands `inputs=` and `outputs=` to `super().__init__(..., **kwargs)`) extends `super().get_config()` with its own arguments. The report (Keras 3.8) had `load_model` fail with `Functional.__init__() got multiple values for keyword argument 'inputs'`; measured on Keras 3.15 the model saves and loads back (the functional-subclass config path takes only the subclass's own arguments), so a linter that knows Keras 3.15 says nothing about this `get_config`.

Source: https://github.com/keras-team/keras/issues/20979
Shape: functional-subclass, keyword-only, get-config, registered, save-load
Target: keras3
Runtime: runs
"""

import numpy as np
import keras
from keras import layers


@keras.saving.register_keras_serializable()
class DummyModel(keras.Model):
    def __init__(
        self,
        *,
        input_shape=(28, 28, 1),
        filters=[16, 32],  # noqa: B006  (as reported)
        activation="relu",
        **kwargs,
    ):
        input_spec = keras.layers.Input(shape=input_shape)
        x = input_spec
        x = layers.Conv2D(filters[0], 3, activation=activation)(x)
        x = layers.Conv2D(filters[1], 3, activation=activation)(x)
        x = layers.MaxPooling2D(3)(x)
        x = layers.Conv2D(filters[1], 3, activation=activation)(x)
        x = layers.Conv2D(filters[0], 3, activation=activation)(x)
        x = layers.GlobalMaxPooling2D()(x)
        super().__init__(inputs=input_spec, outputs=x, **kwargs)

        self.filters = filters
        self.activation = activation

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "input_shape": self.input_shape[1:],
                "filters": self.filters,
                "activation": self.activation,
            }
        )
        return config


a = np.ones((1, 28, 28, 1), dtype=np.float32)
model = DummyModel()
output = model(a)
print(output.shape)

model.save("new.keras")

loaded_model = keras.saving.load_model("new.keras")
print(loaded_model(a).shape)
