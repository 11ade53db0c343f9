# Weights overwritten after the build with values known at construction; every fix here is safe.
import numpy as np
import tensorflow as tf


@tf.keras.utils.register_keras_serializable()
class SlicedKernelInitializer(tf.keras.initializers.Initializer):
    """`glorot_uniform`, then the values once assigned to `kernel` after the build."""

    def __init__(self):
        self.base = tf.keras.initializers.GlorotUniform()

    def __call__(self, shape, dtype=None, **kwargs):
        kernel = np.array(self.base(shape, dtype=dtype, **kwargs))
        kernel[0, 0] = 0.5
        return kernel

    def get_config(self):
        return {}


@tf.keras.utils.register_keras_serializable()
class RoundTripKernelInitializer(tf.keras.initializers.Initializer):
    """`glorot_uniform`, then the values once assigned to `kernel` after the build."""

    def __init__(self):
        self.base = tf.keras.initializers.GlorotUniform()

    def __call__(self, shape, dtype=None, **kwargs):
        kernel = np.array(self.base(shape, dtype=dtype, **kwargs))
        kernel[1, 2] = -1.5
        kernel[:, 0] = 0.25
        return kernel

    def get_config(self):
        return {}


@tf.keras.utils.register_keras_serializable()
class ScatterKernelInitializer(tf.keras.initializers.Initializer):
    """`he_normal`, then the values once assigned to `kernel` after the build."""

    def __init__(self):
        self.base = tf.keras.initializers.get("he_normal")

    def __call__(self, shape, dtype=None, **kwargs):
        kernel = np.array(self.base(shape, dtype=dtype, **kwargs))
        kernel[0, 0] = 0.5
        kernel[3, 2] = 0.75
        return kernel

    def get_config(self):
        return {}


@tf.keras.utils.register_keras_serializable()
class NumpyTripKernelInitializer(tf.keras.initializers.Initializer):
    """`glorot_uniform`, then the values once assigned to `kernel` after the build."""

    def __init__(self):
        self.base = tf.keras.initializers.GlorotUniform()

    def __call__(self, shape, dtype=None, **kwargs):
        kernel = np.array(self.base(shape, dtype=dtype, **kwargs))
        kernel[0, 1] = 3.0
        return kernel

    def get_config(self):
        return {}


tf.keras.utils.set_random_seed(7)


def case_sliced_assign():
    inputs = tf.keras.Input((3, 5))
    lstm = tf.keras.layers.LSTM(4, name="sliced", kernel_initializer=SlicedKernelInitializer())
    outputs = lstm(inputs)
    model = tf.keras.Model(inputs, outputs)
    return model


def case_get_weights_round_trip():
    inputs = tf.keras.Input((4,))
    dense = tf.keras.layers.Dense(3, name="round_trip", kernel_initializer=RoundTripKernelInitializer())
    outputs = dense(inputs)
    model = tf.keras.Model(inputs, outputs)
    return model


def case_scatter_update():
    inputs = tf.keras.Input((4,))
    dense = tf.keras.layers.Dense(3, kernel_initializer=ScatterKernelInitializer(), name="scatter")
    outputs = dense(inputs)
    model = tf.keras.Model(inputs, outputs)
    return model


def case_numpy_round_trip():
    inputs = tf.keras.Input((4,))
    dense = tf.keras.layers.Dense(2, name="numpy_trip", kernel_initializer=NumpyTripKernelInitializer())
    outputs = dense(inputs)
    model = tf.keras.Model(inputs, outputs)
    return model


def case_full_bias():
    inputs = tf.keras.Input((4,))
    dense = tf.keras.layers.Dense(3, name="full_bias", bias_initializer=tf.keras.initializers.Constant(0.1))
    outputs = dense(inputs)
    model = tf.keras.Model(inputs, outputs)
    return model


def case_lstm_forget_bias_slice():
    inputs = tf.keras.Input((3, 5))
    lstm = tf.keras.layers.LSTM(
        2,
        unit_forget_bias=False,
        name="bias_slice",
        bias_initializer=tf.keras.initializers.Constant([0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0]),
    )
    outputs = lstm(inputs)
    model = tf.keras.Model(inputs, outputs)
    return model
