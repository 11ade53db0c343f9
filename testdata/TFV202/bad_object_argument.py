# A Keras 3 layer without get_config made with an instance of a plain class of the program (maxvit#6): Keras
# derives the layer's config from its constructor arguments, cannot serialize the object, and the save raises
# NotImplementedError.
import os

import keras


class BlockConfig:
    def __init__(self, width=4):
        self.width = width


class Block(keras.layers.Layer):  # expect: TFV202
    def __init__(self, config, **kwargs):
        super().__init__(**kwargs)
        self.config = config
        self.dense = keras.layers.Dense(config.width)

    def call(self, x):
        return self.dense(x)


def case_block():
    inputs = keras.Input((3,))
    return keras.Model(inputs, Block(BlockConfig(4))(inputs))


def save_block(folder):
    model = case_block()
    model.save(os.path.join(folder, "block.keras"))
    return model
