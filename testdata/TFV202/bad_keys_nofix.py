# Keys `__init__` cannot take, with no mechanical fix: a layer key that `Layer.__init__` does not accept either
# (`**kwargs` handed to it would raise `Unrecognized keyword arguments`), a layer whose `super().__init__()`
# already takes arguments, and a layer that hands `**kwargs` to `Layer.__init__`, which refuses the key.
import keras


@keras.saving.register_keras_serializable(package="fixtures")
class Tagged(keras.layers.Layer):
    def __init__(self, units):
        super().__init__()
        self.units = units

    def call(self, x):
        return x

    def get_config(self):  # expect: TFV202
        return {"units": self.units, "tag": "v1"}


@keras.saving.register_keras_serializable(package="fixtures")
class Named(keras.layers.Layer):
    def __init__(self, units):
        super().__init__(name="named")
        self.units = units

    def call(self, x):
        return x

    def get_config(self):  # expect: TFV202
        return {**super().get_config(), "units": self.units}


@keras.saving.register_keras_serializable(package="fixtures")
class Versioned(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def call(self, x):
        return x

    def get_config(self):  # expect: TFV202
        config = super().get_config()
        config.update({"units": self.units, "version": 2})
        return config


def case_tagged():
    inputs = keras.Input((3,))
    return keras.Model(inputs, Tagged(3)(inputs))


def case_named():
    inputs = keras.Input((3,))
    return keras.Model(inputs, Named(3)(inputs))


def case_versioned():
    inputs = keras.Input((3,))
    return keras.Model(inputs, Versioned(3)(inputs))
