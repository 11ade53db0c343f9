# tf_keras Constant initializers that make the weight: `tf.constant(value, shape=shape)` reshapes a value of as
# many elements and fills one of a single element (NSL's graph-regularization tests: a flat weight vector for a
# Dense(1) kernel).
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tf_keras as keras
from tf_keras import layers


def case_flat_vector_for_a_column_kernel():
    inputs = keras.Input((2,))
    head = layers.Dense(1, use_bias=False, kernel_initializer=keras.initializers.Constant(np.array([1.0, -1.0])))
    return keras.Model(inputs, head(inputs))


def case_one_row_for_a_matrix_kernel():
    inputs = keras.Input((2,))
    head = layers.Dense(3, kernel_initializer=keras.initializers.Constant(np.arange(6.0).reshape(1, 6)))
    return keras.Model(inputs, head(inputs))


def case_single_value_fills():
    inputs = keras.Input((2,))
    head = layers.Dense(3, kernel_initializer=keras.initializers.Constant(np.array([0.5])))
    return keras.Model(inputs, head(inputs))
