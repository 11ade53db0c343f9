# tf_keras Constant initializers whose value has another number of elements than the weight: `tf.constant(value,
# shape=shape)` raises `TypeError: Eager execution of tf.constant with unsupported shape` (Keras 3 would broadcast
# the row of the first case).
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tf_keras as keras
from tf_keras import layers


def case_row_for_a_matrix_kernel():
    inputs = keras.Input((2,))
    head = layers.Dense(3, kernel_initializer=keras.initializers.Constant(np.array([0.0, 1.0, 2.0])))  # expect: TFV102
    return keras.Model(inputs, head(inputs))


def case_square_for_a_column_kernel():
    inputs = keras.Input((2,))
    head = layers.Dense(1, use_bias=False, kernel_initializer=keras.initializers.Constant(np.ones((2, 2))))  # expect: TFV102
    return keras.Model(inputs, head(inputs))
