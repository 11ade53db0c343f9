# Weights overwritten after the build with values known at construction; every fix here is safe.
import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(7)


def case_sliced_assign():
    inputs = tf.keras.Input((3, 5))
    lstm = tf.keras.layers.LSTM(4, name="sliced")
    outputs = lstm(inputs)
    model = tf.keras.Model(inputs, outputs)
    lstm.cell.kernel[0, 0].assign(0.5)  # expect: TFV201
    return model


def case_get_weights_round_trip():
    inputs = tf.keras.Input((4,))
    dense = tf.keras.layers.Dense(3, name="round_trip")
    outputs = dense(inputs)
    model = tf.keras.Model(inputs, outputs)
    weights = dense.get_weights()
    weights[0][1, 2] = -1.5
    weights[0][:, 0] = 0.25
    dense.set_weights(weights)  # expect: TFV201
    return model


def case_scatter_update():
    inputs = tf.keras.Input((4,))
    dense = tf.keras.layers.Dense(3, kernel_initializer="he_normal", name="scatter")
    outputs = dense(inputs)
    model = tf.keras.Model(inputs, outputs)
    dense.kernel.assign(tf.tensor_scatter_nd_update(dense.kernel, [[0, 0], [3, 2]], [0.5, 0.75]))  # expect: TFV201
    return model


def case_numpy_round_trip():
    inputs = tf.keras.Input((4,))
    dense = tf.keras.layers.Dense(2, name="numpy_trip")
    outputs = dense(inputs)
    model = tf.keras.Model(inputs, outputs)
    kernel = dense.kernel.numpy()
    kernel[0, 1] = 3.0
    dense.kernel.assign(kernel)  # expect: TFV201
    return model


def case_full_bias():
    inputs = tf.keras.Input((4,))
    dense = tf.keras.layers.Dense(3, name="full_bias")
    outputs = dense(inputs)
    model = tf.keras.Model(inputs, outputs)
    dense.bias.assign(np.full((3,), 0.1))  # expect: TFV201
    return model


def case_lstm_forget_bias_slice():
    inputs = tf.keras.Input((3, 5))
    lstm = tf.keras.layers.LSTM(2, unit_forget_bias=False, name="bias_slice")
    outputs = lstm(inputs)
    model = tf.keras.Model(inputs, outputs)
    lstm.cell.bias[2:4].assign(1.0)  # expect: TFV201
    return model
