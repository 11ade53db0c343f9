# tf_keras custom layers that build their built-in sub-layers by hand in build() (jkiesele/caloGraphNN#2's
# GravNet), saved to HDF5: a hand build does not enter the sub-layer's name scope, so two Dense kernels (or two
# BatchNormalization moving means) are both `<layer>/kernel:0`, and the HDF5 writer raises "name already exists".
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import numpy as np
import tensorflow as tf
import tf_keras as keras


class Gated(keras.layers.Layer):
    def __init__(self, units=4, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.features = keras.layers.Dense(units, name="features")
        self.gate = keras.layers.Dense(units, activation="sigmoid", name="gate")

    def build(self, input_shape):
        self.features.build(input_shape)
        with tf.name_scope(self.gate.name):
            self.gate.build(input_shape)  # expect: TFV202
        super().build(input_shape)

    def call(self, inputs):
        return self.features(inputs) * self.gate(inputs)


class TwoNorms(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.before = keras.layers.BatchNormalization()
        self.after = keras.layers.BatchNormalization()

    def build(self, input_shape):
        self.before.build(input_shape)
        with tf.name_scope(self.after.name):
            self.after.build(input_shape)  # expect: TFV202
        super().build(input_shape)

    def call(self, inputs, training=None):
        return self.after(tf.nn.relu(self.before(inputs, training=training)), training=training)


CUSTOM = {"Gated": Gated, "TwoNorms": TwoNorms}


def build():
    return keras.Sequential([keras.Input((3,)), Gated(), TwoNorms()])


def save_model():
    model = build()
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((4, 3), "float32"), np.zeros((4, 4), "float32"), epochs=1, verbose=0)
    model.save("gated.h5")
    return model, keras.models.load_model("gated.h5", custom_objects=CUSTOM)


def save_weights():
    model = keras.Sequential([keras.Input((3,)), TwoNorms()])
    model.save_weights("norms.h5")
