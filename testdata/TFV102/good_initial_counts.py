# tf_keras layers given a `weights=` list of the right length, or never built.
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tf_keras as keras
from tf_keras import layers


def case_dense_kernel_and_bias():
    model = keras.Sequential()
    model.add(layers.Dense(3, input_dim=2, weights=[np.ones((2, 3)), np.zeros(3)]))
    return model


def case_dense_without_bias_given_its_kernel():
    inputs = keras.Input((2,))
    head = layers.Dense(3, use_bias=False, weights=[np.ones((2, 3))])
    return keras.Model(inputs, head(inputs))


def case_batchnorm_given_all_four():
    norm = layers.BatchNormalization(weights=[np.ones(4), np.zeros(4), np.zeros(4), np.ones(4)])
    norm(np.zeros((1, 4), "float32"))
    return norm


def case_never_built():
    return layers.Dense(3, weights=[np.ones((2, 3))])
