# Post-build edits whose fix cannot keep every weight bit-identical: the fix is offered as unsafe.
import numpy as np
import tensorflow as tf


@tf.keras.utils.register_keras_serializable()
class RecurrentSliceRecurrentKernelInitializer(tf.keras.initializers.Initializer):
    """`orthogonal`, then the values once assigned to `recurrent_kernel` after the build."""

    def __init__(self):
        self.base = tf.keras.initializers.Orthogonal()

    def __call__(self, shape, dtype=None, **kwargs):
        recurrent_kernel = np.array(self.base(shape, dtype=dtype, **kwargs))
        recurrent_kernel[0, :] = 0.0
        return recurrent_kernel

    def get_config(self):
        return {}


tf.keras.utils.set_random_seed(11)


def case_full_overwrite_of_random_kernel():
    # Constant(0.25) replaces GlorotUniform: its seed draw disappears and later seeds shift.
    inputs = tf.keras.Input((4,))
    dense = tf.keras.layers.Dense(
        3, name="full_kernel", kernel_initializer=tf.keras.initializers.Constant(0.25)
    )
    outputs = dense(inputs)
    model = tf.keras.Model(inputs, outputs)
    return model


def case_recurrent_kernel_slice():
    # The recurrent kernel is not the LSTM's first random weight: its seed would be drawn first.
    inputs = tf.keras.Input((3, 5))
    lstm = tf.keras.layers.LSTM(
        2,
        name="recurrent_slice",
        recurrent_initializer=RecurrentSliceRecurrentKernelInitializer(),
    )
    outputs = lstm(inputs)
    model = tf.keras.Model(inputs, outputs)
    return model


def case_literal_set_weights():
    inputs = tf.keras.Input((2,))
    dense = tf.keras.layers.Dense(
        2,
        name="literal_list",
        kernel_initializer=tf.keras.initializers.Constant(1.0),
        bias_initializer=tf.keras.initializers.Constant(0.0),
    )
    outputs = dense(inputs)
    model = tf.keras.Model(inputs, outputs)
    return model
