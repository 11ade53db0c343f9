# tf_keras custom layers that build built-in sub-layers of a list or dict by hand, through a local, a loop, a
# helper method (tensorflow#41021's NestedLayers), saved to HDF5: a hand build does not enter the sub-layer's
# name scope, so every Conv2D kernel is `<layer>/kernel:0`, and the HDF5 writer raises "name already exists".
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import numpy as np
import tensorflow as tf
import tf_keras as keras


class NestedLayers(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.units = [keras.layers.Conv2D(4, (3, 3), name=f"conv_2d_{i}") for i in range(3)]

    def build(self, input_shape):
        for i in range(0, 2):
            unit_input_shape = list(input_shape)
            unit_input_shape[-1] = 1
            unit = self.units[i]
            with tf.name_scope(unit.name):
                unit.build(unit_input_shape)  # expect: TFV202
        super().build(input_shape)

    def call(self, inputs):
        return tf.concat([self.units[i](inputs[..., i : i + 1]) for i in range(2)], axis=-1)


class Helper(keras.layers.Layer):
    def __init__(self, units=4, **kwargs):
        super().__init__(**kwargs)
        self.branches = [keras.layers.Dense(units, name="left"), keras.layers.Dense(units, name="right")]

    def _build_branch(self, branch, input_shape):
        with tf.name_scope(branch.name):
            branch.build(input_shape)  # expect: TFV202

    def build(self, input_shape):
        for branch in self.branches:
            self._build_branch(branch, input_shape)
        super().build(input_shape)

    def call(self, inputs):
        return self.branches[0](inputs) + self.branches[1](inputs)


class Blocks(keras.layers.Layer):
    def __init__(self, units=4, **kwargs):
        super().__init__(**kwargs)
        self.blocks = {"a": keras.layers.Dense(units, name="a"), "b": keras.layers.Dense(units, name="b")}

    def build(self, input_shape):
        for name, block in self.blocks.items():
            with tf.name_scope(block.name):
                block.build(input_shape)  # expect: TFV202
        super().build(input_shape)

    def call(self, inputs):
        return self.blocks["a"](inputs) * self.blocks["b"](inputs)


CUSTOM = {"NestedLayers": NestedLayers, "Helper": Helper, "Blocks": Blocks}


def save_weights():
    model = keras.Sequential([keras.Input((8, 8, 3)), NestedLayers()])
    model.save_weights("nested_layers.h5")


def save_model():
    model = keras.Sequential([keras.Input((3,)), Helper(), Blocks()])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((4, 3), "float32"), np.zeros((4, 4), "float32"), epochs=1, verbose=0)
    model.save("branches.h5")
    return model, keras.models.load_model("branches.h5", custom_objects=CUSTOM)
