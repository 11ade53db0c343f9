"""A registered custom layer keeps its Dense stack in a list bound to `self._layers` (a name Keras 3's own `Layer` uses for its tracked sublayers) and a subclassed model wraps it; training and `predict` work, but `model.save("*.keras")` writes no weights for the stack, so the reloaded model predicts from fresh initial weights (the same layer with the list named `self._custom_layers` round-trips).

Source: https://github.com/keras-team/keras/issues/20260
Shape: custom-layer, subclassed, list-attribute, flag, registered, save-load
Target: keras3
Runtime: silent: the Dense layers in `self._layers` are trained but not written by model.save, so the reloaded model's predictions differ
"""

import os

import numpy as np
import keras


@keras.saving.register_keras_serializable(package="KerasTest", name="CustomLayer")
class CustomLayer(keras.layers.Layer):
    def __init__(self, bugged=False, name="test_layer", **kwargs):
        super().__init__(name=name, **kwargs)
        self.bugged = bugged
        if self.bugged:
            self._layers = [  # expect: TFV106
                keras.layers.Dense(16, activation="relu"),
                keras.layers.Dense(8, activation="relu"),
                keras.layers.Dense(3, activation="softmax"),
            ]
        else:
            self._custom_layers = [
                keras.layers.Dense(16, activation="relu"),
                keras.layers.Dense(8, activation="relu"),
                keras.layers.Dense(3, activation="softmax"),
            ]

    def call(self, inputs):
        x = inputs
        layer_list = self._layers if self.bugged else self._custom_layers
        for layer in layer_list:
            x = layer(x)
        return x

    def get_config(self):
        config = super().get_config()
        config.update({"bugged": self.bugged})
        return config


@keras.saving.register_keras_serializable(package="KerasTest", name="TestModel")
class TestModel(keras.Model):
    def __init__(self, bugged=False, **kwargs):
        super().__init__(**kwargs)
        self.bugged = bugged
        self.block = CustomLayer(bugged=bugged)

    def call(self, inputs):
        return self.block(inputs)

    def get_config(self):
        config = super().get_config()
        config.update({"bugged": self.bugged})
        return config


def round_trip(bugged, x, y, folder="models"):
    model = TestModel(bugged=bugged)
    model.compile(optimizer="adam", loss="categorical_crossentropy")
    model.fit(x, y, epochs=2, verbose=0)
    before = model.predict(x, verbose=0)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"model_{bugged}.keras")
    model.save(path)
    restored = keras.models.load_model(path)
    return float(np.abs(restored.predict(x, verbose=0) - before).max())


x = np.random.rand(64, 10).astype("float32")
y = keras.utils.to_categorical(np.random.randint(0, 3, 64), 3)
ok_gap = round_trip(False, x, y)
bugged_gap = round_trip(True, x, y)

if bugged_gap > 1e-5:
    print("TFVARFIX-BUG: reloaded predictions differ by", bugged_gap, "(renamed list:", ok_gap, ")")
