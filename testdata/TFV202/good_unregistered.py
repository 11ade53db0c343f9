# Near misses: the load names the class in custom_objects; a registered class; a save that this module never
# loads back; a load of another file.
import keras
import numpy as np


class Scale(keras.layers.Layer):
    def __init__(self, factor=1.0, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, x):
        return x * self.factor


@keras.saving.register_keras_serializable(package="near")
class Shift(keras.layers.Layer):
    def __init__(self, offset=0.0, **kwargs):
        super().__init__(**kwargs)
        self.offset = offset

    def call(self, x):
        return x + self.offset


def save_and_load():
    inputs = keras.Input((3,))
    model = keras.Model(inputs, Shift(1.0)(Scale(2.0)(inputs)))
    model.save("scaled.keras")
    model.save("exported.keras")
    loaded = keras.models.load_model("scaled.keras", custom_objects={"Scale": Scale})
    assert np.allclose(loaded(np.ones((1, 3))), 3.0)
    return loaded


def load_pretrained(path="pretrained.keras"):
    return keras.models.load_model(path)
