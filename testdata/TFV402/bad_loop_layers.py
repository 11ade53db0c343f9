# A block makes one layer per pass of a loop in call(), over a depth __init__ stores: every call makes new
# layers, so `fit`'s traced step raises `tf.function only supports singleton tf.Variables`, and eagerly the
# weights are never trained. Made once in __init__ as a list, each pass calls its own.
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


def case_tower():
    keras.utils.set_random_seed(0)
    tower = Tower(4, 3)
    model = keras.Sequential([keras.Input((5,)), tower, keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((4, 5), "float32"), np.ones((4, 1), "float32"), epochs=1, verbose=0)
    return [list(w.shape) for w in tower.weights]
