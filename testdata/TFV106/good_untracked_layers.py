# Keras 3 near misses of bad_untracked_layers.py: each holds its layers where the tracker sees them (measured,
# Keras 3.15.1: every Dense is in the model's weights, trained, and saved).
import numpy as np
import keras


class FilledFirst(keras.layers.Layer):
    def build(self, input_shape):
        self.blocks = []
        for i in range(2):
            block = [keras.layers.Dense(4) for _ in range(2)]
            self.blocks.append(block)  # filled before it is added: its layers are tracked then

    def call(self, x):
        for block in self.blocks:
            for dense in block:
                x = dense(x)
        return x


class AssignedAtTheEnd(keras.layers.Layer):
    def build(self, input_shape):
        blocks = []
        for i in range(2):
            block = []
            blocks.append(block)
            block.append(keras.layers.Dense(4))
        self.blocks = blocks  # the whole nested list, wrapped at every level

    def call(self, x):
        for block in self.blocks:
            for dense in block:
                x = dense(x)
        return x


class LiteralInner(keras.layers.Layer):
    def build(self, input_shape):
        self.blocks = [[], []]  # inner lists wrapped with the outer one
        for block in self.blocks:
            block.append(keras.layers.Dense(4))

    def call(self, x):
        for block in self.blocks:
            for dense in block:
                x = dense(x)
        return x


class Flat(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.layers_list = []
        for i in range(2):
            self.layers_list.append(keras.layers.Dense(4))
        self.heads = {}
        self.heads["out"] = keras.layers.Dense(4)
        self.pair = (keras.layers.Dense(4), keras.layers.Dense(4))

    def call(self, x):
        for dense in self.layers_list:
            x = dense(x)
        for dense in self.pair:
            x = dense(x)
        return self.heads["out"](x)


class SequentialBlocks(keras.layers.Layer):
    def build(self, input_shape):
        self.blocks = []
        for i in range(2):
            block = keras.Sequential()
            self.blocks.append(block)
            block.add(keras.layers.Dense(4))  # a Sequential tracks what it is given

    def call(self, x):
        for block in self.blocks:
            x = block(x)
        return x


@keras.saving.register_keras_serializable(package="TFV106good")
class CustomStack(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._custom_layers = [keras.layers.Dense(8, activation="relu"), keras.layers.Dense(4)]

    def call(self, x):
        for layer in self._custom_layers:
            x = layer(x)
        return x


@keras.saving.register_keras_serializable(package="TFV106good")
class StackModel(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._layers = [keras.layers.Dense(8, activation="relu"), keras.layers.Dense(4)]  # a model saves `layers`

    def call(self, x):
        for layer in self._layers:
            x = layer(x)
        return x


def functional(layer):
    inputs = keras.Input((4,))
    return keras.Model(inputs, layer(inputs))


def case_filled_first():
    return functional(FilledFirst()), 8


def case_assigned_at_the_end():
    return functional(AssignedAtTheEnd()), 4


def case_literal_inner():
    return functional(LiteralInner()), 4


def case_flat_dict_tuple():
    return functional(Flat()), 10


def case_sequential_blocks():
    return functional(SequentialBlocks()), 4


def case_custom_name():
    return functional(CustomStack()), 4


def case_private_layers_of_a_model():
    model = StackModel()
    model(np.zeros((1, 4), "float32"))
    return model, 4
