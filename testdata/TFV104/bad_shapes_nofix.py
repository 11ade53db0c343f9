# One name for several layers made by one constructor call: in a helper called twice, a loop, a comprehension.
# A loop's copies are numbered by its index (fixed_shapes_nofix.py), a helper's by a prefix per call; a helper
# whose name is written elsewhere too (`head`), or one that gets the name as a parameter, is not fixed.
import numpy as np
import keras
from keras import layers


def block(name):
    return layers.Dense(4, name=name)


def case_name_through_parameter():
    return keras.Sequential([keras.Input((4,)), block("stage"), block("stage")])  # expect: TFV104


def make_head():
    return layers.Dense(4, name="head")


def case_builder_called_twice():
    return keras.Sequential([keras.Input((4,)), make_head(), make_head()])  # expect: TFV104


def case_loop_unknown_count(widths=(8, 4)):
    model = keras.Sequential([keras.Input((4,))])
    for width in widths:
        model.add(layers.Dense(width, name="hidden"))  # expect: TFV104
    return model


def case_comprehension():
    return keras.Sequential([keras.Input((4,))] + [layers.Dense(4, name="tower") for _ in range(2)])  # expect: TFV104


def residual(x):
    return layers.Dense(4, name="res")(x)


def case_functional_helper_called_twice():
    inputs = keras.Input((4,))
    return keras.Model(inputs, residual(residual(inputs)))  # expect: TFV104


def case_functional_loop():
    inputs = keras.Input((4,))
    x = inputs
    for _ in range(2):
        x = layers.Dense(4, name="loop_dense")(x)  # expect: TFV104
    return keras.Model(inputs, x)


class TwoHeads(keras.Model):
    def __init__(self):
        super().__init__(name="two_heads")
        self.a = self._head()
        self.b = self._head()  # expect: TFV104

    def _head(self):
        return layers.Dense(2, name="head")

    def call(self, x):
        return self.a(x) + self.b(x)


def case_subclassed_across_methods():
    model = TwoHeads()
    model(np.zeros((1, 3), "float32"))
    return model


class Stack(keras.Model):
    def __init__(self, depth):
        super().__init__(name="stack")
        self.blocks = [layers.Dense(3, name="blk") for _ in range(depth)]  # expect: TFV104

    def call(self, x):
        for each in self.blocks:
            x = each(x)
        return x


def case_subclassed_comprehension():
    model = Stack(2)
    model(np.zeros((1, 3), "float32"))
    return model
