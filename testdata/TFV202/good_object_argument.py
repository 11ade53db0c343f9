# Near miss: the object's field passed as a plain value (Keras records numbers, strings and None).
import os

import keras


class Settings:
    def __init__(self, width=4):
        self.width = width


class Block(keras.layers.Layer):
    def __init__(self, width, **kwargs):
        super().__init__(**kwargs)
        self.dense = keras.layers.Dense(width)

    def call(self, x):
        return self.dense(x)


def save_all(folder):
    inputs = keras.Input((3,))
    settings = Settings(4)
    model = keras.Model(inputs, Block(settings.width)(inputs))
    model.save(os.path.join(folder, "blocks.keras"))
    return model
