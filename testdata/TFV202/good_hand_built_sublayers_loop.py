# tf_keras custom layers with built-in sub-layers in a list, saved to HDF5, that do not clash: the units built by
# their own call in a loop in build (each call enters the unit's name scope), one unit built by hand and the
# other by its call, a Dense and a BatchNormalization built by hand in a loop (kernel and moving_mean), each
# hand build in the loop under the unit's name scope, a subclassed Model whose build builds two Dense by hand
# (each is a layer of the model, a group of its own in the file), and a layer built by hand that no save holds.
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import numpy as np
import tensorflow as tf
import tf_keras as keras


class CalledInBuild(keras.layers.Layer):
    def __init__(self, units=4, **kwargs):
        super().__init__(**kwargs)
        self.units = [keras.layers.Dense(units) for _ in range(2)]

    def build(self, input_shape):
        for unit in self.units:
            unit(tf.zeros((1, input_shape[-1])))
        super().build(input_shape)

    def call(self, inputs):
        return self.units[0](inputs) + self.units[1](inputs)


class OneByHand(keras.layers.Layer):
    def __init__(self, units=4, **kwargs):
        super().__init__(**kwargs)
        self.units = [keras.layers.Dense(units, name="first"), keras.layers.Dense(units, name="second")]

    def build(self, input_shape):
        unit = self.units[0]
        unit.build(input_shape)
        super().build(input_shape)

    def call(self, inputs):
        return self.units[0](inputs) + self.units[1](inputs)


class DenseAndNorm(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.parts = [keras.layers.Dense(3), keras.layers.BatchNormalization()]

    def build(self, input_shape):
        for part in self.parts:
            part.build(input_shape)
        super().build(input_shape)

    def call(self, inputs, training=None):
        return self.parts[1](self.parts[0](inputs), training=training)


class ScopedInLoop(keras.layers.Layer):
    def __init__(self, units=4, **kwargs):
        super().__init__(**kwargs)
        self.units = [keras.layers.Dense(units, name="u0"), keras.layers.Dense(units, name="u1")]

    def build(self, input_shape):
        for unit in self.units:
            with tf.name_scope(unit.name):
                unit.build(input_shape)
        super().build(input_shape)

    def call(self, inputs):
        return self.units[0](inputs) + self.units[1](inputs)


class TwoHeads(keras.Model):
    def __init__(self, units=4):
        super().__init__()
        self.heads = [keras.layers.Dense(units, name="a"), keras.layers.Dense(units, name="b")]

    def build(self, input_shape):
        for head in self.heads:
            head.build(input_shape)
        super().build(input_shape)

    def call(self, inputs):
        return self.heads[0](inputs) + self.heads[1](inputs)


class NeverSaved(keras.layers.Layer):
    def __init__(self, units=4, **kwargs):
        super().__init__(**kwargs)
        self.units = [keras.layers.Dense(units, name="x"), keras.layers.Dense(units, name="y")]

    def build(self, input_shape):
        for unit in self.units:
            unit.build(input_shape)
        super().build(input_shape)

    def call(self, inputs):
        return self.units[0](inputs) + self.units[1](inputs)


CUSTOM = {
    "CalledInBuild": CalledInBuild,
    "OneByHand": OneByHand,
    "DenseAndNorm": DenseAndNorm,
    "ScopedInLoop": ScopedInLoop,
}


def save_model():
    model = keras.Sequential(
        [keras.Input((3,)), CalledInBuild(), OneByHand(), keras.layers.Dense(3), DenseAndNorm(), ScopedInLoop()]
    )
    model.save("good_loop.h5")
    return model, keras.models.load_model("good_loop.h5", custom_objects=CUSTOM)


def save_subclassed_weights():
    model = TwoHeads()
    model(np.ones((2, 3), "float32"))
    model.save_weights("heads.h5")


def predict_unsaved():
    unsaved = keras.Sequential([keras.Input((3,)), NeverSaved()])
    return unsaved.predict(np.ones((2, 3), "float32"), verbose=0)
