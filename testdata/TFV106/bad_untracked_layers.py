# Keras 3: a layer with weights that a custom layer holds and calls where Keras 3's tracker does not see it.
# keras#20598: a plain list appended, still empty, to a tracked list and filled afterwards (the same with a dict
# entry, `insert`, or an item set by index in a tracked list): the model has none of those weights, fit trains
# nothing. keras#20260: layers kept only in `self._layers`, an attribute of Keras's own Layer: trained, but
# `model.save` skips the attribute and the reloaded model predicts from fresh weights.
import numpy as np
import keras


class NestedBlocks(keras.layers.Layer):
    def __init__(self, n_blocks=2, per_block=2, **kwargs):
        super().__init__(**kwargs)
        self.n_blocks = n_blocks
        self.per_block = per_block

    def build(self, input_shape):
        self.blocks = []
        for i in range(self.n_blocks):
            block = []
            self.blocks.append(block)
            for j in range(self.per_block):
                block.append(keras.layers.Dense(4, name=f"dense_{i}_{j}"))  # expect: TFV106

    def call(self, x):
        for block in self.blocks:
            for dense in block:
                x = dense(x)
        return x


class DictOfLists(keras.layers.Layer):
    def build(self, input_shape):
        self.heads = {}
        for key in ("a", "b"):
            self.heads[key] = []
            self.heads[key].append(keras.layers.Dense(4))  # expect: TFV106

    def call(self, x):
        for key in self.heads:
            for dense in self.heads[key]:
                x = dense(x)
        return x


def add_stage(layer, units):
    stage = []
    layer.stages.insert(0, stage)
    stage.append(keras.layers.Dense(units))  # expect: TFV106


class InsertedStages(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.stages = []
        add_stage(self, 4)

    def call(self, x):
        for stage in self.stages:
            for dense in stage:
                x = dense(x)
        return x


class SlotFilled(keras.layers.Layer):
    def __init__(self, n=2, **kwargs):
        super().__init__(**kwargs)
        self.denses = [None, None]
        for i in range(2):
            self.denses[i] = keras.layers.Dense(4)  # expect: TFV106

    def call(self, x):
        for dense in self.denses:
            x = dense(x)
        return x


@keras.saving.register_keras_serializable(package="TFV106")
class PrivateStack(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._layers = [keras.layers.Dense(8, activation="relu"), keras.layers.Dense(4)]  # expect: TFV106

    def call(self, x):
        for layer in self._layers:
            x = layer(x)
        return x


def functional(layer):
    inputs = keras.Input((4,))
    return keras.Model(inputs, layer(inputs))


def case_nested_lists():
    return functional(NestedBlocks()), 8


def case_dict_of_lists():
    return functional(DictOfLists()), 4


def case_inserted_stage():
    return functional(InsertedStages()), 2


def case_slots_set_by_index():
    return functional(SlotFilled()), 4


def case_private_layers_attribute():
    return functional(PrivateStack()), 4
