# Post-build edits whose fix cannot keep every weight bit-identical: the fix is offered as unsafe.
import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(11)


def case_full_overwrite_of_random_kernel():
    # Constant(0.25) replaces GlorotUniform: its seed draw disappears and later seeds shift.
    inputs = tf.keras.Input((4,))
    dense = tf.keras.layers.Dense(3, name="full_kernel")
    outputs = dense(inputs)
    model = tf.keras.Model(inputs, outputs)
    dense.kernel.assign(np.full((4, 3), 0.25))  # expect: TFV201
    return model


def case_recurrent_kernel_slice():
    # The recurrent kernel is not the LSTM's first random weight: its seed would be drawn first.
    inputs = tf.keras.Input((3, 5))
    lstm = tf.keras.layers.LSTM(2, name="recurrent_slice")
    outputs = lstm(inputs)
    model = tf.keras.Model(inputs, outputs)
    lstm.cell.recurrent_kernel[0, :].assign(0.0)  # expect: TFV201
    return model


def case_literal_set_weights():
    inputs = tf.keras.Input((2,))
    dense = tf.keras.layers.Dense(2, name="literal_list")
    outputs = dense(inputs)
    model = tf.keras.Model(inputs, outputs)
    dense.set_weights([np.ones((2, 2)), np.zeros((2,))])  # expect: TFV201
    return model
