# Keys `__init__` cannot take, with no mechanical fix: a layer key that `Layer.__init__` does not accept either
# (`**kwargs` handed to it would raise `Unrecognized keyword arguments`), and a layer whose `super().__init__()`
# already takes arguments.
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


def case_tagged():
    inputs = keras.Input((3,))
    return keras.Model(inputs, Tagged(3)(inputs))


def case_named():
    inputs = keras.Input((3,))
    return keras.Model(inputs, Named(3)(inputs))
