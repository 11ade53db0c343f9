# tf_keras layers whose one unnamed add_weight runs on each pass of a loop, saved to HDF5 (tensorflow#51840): every
# weight it makes is Variable:0 in the layer's scope, and the HDF5 writer raises "name already exists".
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow as tf
import tf_keras as keras


class WeightedSum(keras.layers.Layer):
    def __init__(self, n_models=2, **kwargs):
        super().__init__(**kwargs)
        self.n_models = n_models

    def build(self, input_shape):
        self.ensemble_weights = []
        for i in range(self.n_models):
            self.ensemble_weights.append(self.add_weight(shape=(1,), initializer="ones"))  # expect: TFV202

    def call(self, inputs):
        return tf.add_n([inputs * w for w in self.ensemble_weights])


class Gates(keras.layers.Layer):
    def build(self, input_shape):
        n = input_shape[-1]
        self.gates = [self.add_weight(shape=(n,), initializer="ones") for _ in ("in", "out")]  # expect: TFV202

    def call(self, inputs):
        return inputs * self.gates[0] * self.gates[1]


def save_ensemble():
    model = keras.Sequential([keras.Input((3,)), WeightedSum(n_models=3)])
    model.save("ensemble.h5")


def save_gates():
    model = keras.Sequential([keras.Input((3,)), Gates()])
    model.save_weights("gates.h5")
