# A block makes one layer per pass of a loop in call(), over a depth __init__ stores: every call makes new
# layers, so `fit`'s traced step raises `tf.function only supports singleton tf.Variables`, and eagerly the
# weights are never trained. Made once in __init__ as a list, each pass calls its own; made in a method that
# call()'s loop calls (a DenseNet block's `_make_layer`, Basic_CNNs_TensorFlow2#13), the loop passes each pass's
# own layer to it.
import keras
import numpy as np


class Tower(keras.layers.Layer):
    def __init__(self, units, depth, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.depth = depth

    def call(self, x):
        for _ in range(self.depth):
            x = keras.layers.Dense(self.units, activation="relu")(x)  # expect: TFV402
        return x


class Block(keras.layers.Layer):
    def __init__(self, growth, num_layers, **kwargs):
        super().__init__(**kwargs)
        self.growth = growth
        self.num_layers = num_layers

    def _grow(self, x):
        y = keras.layers.Dense(self.growth)(x)  # expect: TFV402
        return keras.ops.concatenate([x, y], axis=-1)

    def call(self, x):
        for _ in range(self.num_layers):
            x = self._grow(x)
        return x


def trained(layer):
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((5,)), layer, keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((4, 5), "float32"), np.ones((4, 1), "float32"), epochs=1, verbose=0)
    return [list(w.shape) for w in layer.weights]


def case_tower():
    return trained(Tower(4, 3))


def case_block():
    return trained(Block(2, 2))
