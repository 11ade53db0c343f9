# tf_keras layers given a `weights=` list of another length than the weights they hold (keras#1671).
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tf_keras as keras
from tf_keras import layers


def case_dense_kernel_only():
    model = keras.Sequential()
    model.add(layers.Dense(3, input_dim=2, weights=[np.ones((2, 3))]))  # expect: TFV102
    return model


def case_dense_without_bias_given_two():
    inputs = keras.Input((2,))
    head = layers.Dense(3, use_bias=False, weights=[np.ones((2, 3)), np.zeros(3)])  # expect: TFV102
    return keras.Model(inputs, head(inputs))


def case_batchnorm_given_gamma_beta():
    norm = layers.BatchNormalization(weights=[np.ones(4), np.zeros(4)])  # expect: TFV102
    norm(np.zeros((1, 4), "float32"))
    return norm
