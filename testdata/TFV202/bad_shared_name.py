# A `get_config` that saves `name` as a value every instance shares (keras#11210: the class name): each restored
# layer gets that one name, so a saved model holding two cannot be rebuilt (`ValueError: The name "LRN" is used
# 2 times in the model`); the config also leaves out the base layer's `trainable` and `dtype`.
import os

import keras


@keras.saving.register_keras_serializable(package="fixtures")
class LRN(keras.layers.Layer):
    def __init__(self, alpha=0.5, **kwargs):
        self.alpha = alpha
        super(LRN, self).__init__(**kwargs)

    def call(self, x):
        return x * self.alpha

    def get_config(self):  # expect: TFV202
        config = {"name": self.__class__.__name__,
                  "alpha": self.alpha}
        return config


@keras.saving.register_keras_serializable(package="fixtures")
class Offset(keras.layers.Layer):
    def __init__(self, offset=1.0, **kwargs):
        super().__init__(**kwargs)
        self.offset = offset

    def call(self, x):
        return x + self.offset

    def get_config(self):  # expect: TFV202
        return {"name": "offset", "offset": self.offset}


def case_lrn():
    inputs = keras.Input((3,))
    return keras.Model(inputs, LRN(0.5)(LRN(0.25)(inputs)))


def save_lrn(folder):
    model = case_lrn()
    path = os.path.join(folder, "lrn.keras")
    model.save(path)
    return model, path


def case_offset():
    inputs = keras.Input((3,))
    x = inputs
    for _ in range(2):
        x = Offset()(x)
    return keras.Model(inputs, x)


def save_offset(folder):
    model = case_offset()
    path = os.path.join(folder, "offset.keras")
    model.save(path)
    return model, path
