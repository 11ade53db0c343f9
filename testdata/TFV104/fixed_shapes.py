# Two layers with one name in one model, in the shapes real code takes: helpers, loops, containers,
# parameters, subclassed models, a builder called twice.
import numpy as np
import keras
from keras import layers


def case_list_of_layers():
    stack = [layers.Dense(4, name="proj"), layers.ReLU(), layers.Dense(4, name="proj_1")]  # expect: TFV104
    return keras.Sequential([keras.Input((4,))] + stack)


def case_dict_of_layers():
    blocks = {"first": layers.Dense(4, name="ffn"), "second": layers.Dense(4, name="ffn_1")}  # expect: TFV104
    return keras.Sequential([keras.Input((4,)), *blocks.values()])


def assemble(stack):
    return keras.Sequential(stack)


def case_layers_through_parameter():
    return assemble([keras.Input((4,)), layers.Dense(4, name="dup"), layers.Dense(2, name="dup_1")])  # expect: TFV104


def case_functional_branches():
    inputs = keras.Input((4,))
    left = layers.Dense(4, name="branch")(inputs)
    right = layers.Dense(4, name="branch_1")(inputs)  # expect: TFV104
    return keras.Model(inputs, layers.Concatenate()([left, right]))


class Tower(keras.Model):
    def __init__(self):
        super().__init__(name="tower_model")
        self.first = layers.Dense(3, name="level")
        self.rest = [layers.Dense(3, name="level_1")]  # expect: TFV104

    def call(self, x):
        return self.rest[0](self.first(x))


def case_subclassed_list_attribute():
    model = Tower()
    model(np.zeros((1, 3), "float32"))
    return [w.path for w in model.weights]


def case_duplicate_after_the_arms(pool=True):
    inputs = keras.Input((8, 8, 3))
    x = layers.Conv2D(4, 3, name="stem")(inputs)
    if pool:
        x = layers.GlobalAveragePooling2D()(x)
    else:
        x = layers.Flatten()(x)
    return keras.Model(inputs, layers.Dense(2, name="stem_1")(x))  # expect: TFV104


# Module level, notebook style (last: it raises when the module runs).
notebook = keras.Sequential()
notebook.add(keras.Input((4,)))
notebook.add(layers.Dense(4, name="cell"))
notebook.add(layers.Dense(4, name="cell_1"))  # expect: TFV104

