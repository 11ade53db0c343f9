# Near miss: a Keras 3 layer without **kwargs in a module that never saves a model: nothing here is hurt.
import keras


class Shift(keras.layers.Layer):
    def __init__(self, offset):
        super().__init__()
        self.offset = offset

    def call(self, x):
        return x + self.offset


def build():
    inputs = keras.Input((4,))
    return keras.Model(inputs, Shift(1.0)(inputs))
