# Keras 3 layers given the Keras 2 `weights=[...]` constructor argument (tensorflow#27541): only Embedding and
# Bidirectional take it, so each construction raises ValueError: Unrecognized keyword arguments.
import numpy as np
import keras
from keras import layers


def case_conv_in_functional_model():
    inputs = keras.Input((1, 1, 1))
    conv = layers.Conv2D(1, 1, weights=[np.full((1, 1, 1, 1), -0.8888), np.zeros(1)])  # expect: TFV201
    return keras.Model(inputs, conv(inputs))


def case_dense_in_sequential():
    # No fix: a construction inside a list is not wrapped alone, and the initializers would make a long line.
    kernel = np.ones((2, 3), "float32")
    return keras.Sequential([keras.Input((2,)), layers.Dense(3, weights=[kernel, np.zeros(3)])])  # expect: TFV201


def case_batchnorm():
    gamma_beta = [np.ones(4), np.zeros(4), np.zeros(4), np.ones(4)]
    norm = layers.BatchNormalization(weights=gamma_beta)  # expect: TFV201
    return keras.Sequential([keras.Input((4,)), norm])
