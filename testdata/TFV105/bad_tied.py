# Rebinding a built layer's weight to another Keras variable: Keras 3 refuses it (the layer is built, and the
# variable would be new state). Tying weights this way never worked; there is no mechanical fix.
import numpy as np
import keras


def case_tie_recurrent_kernels():
    lstm = keras.layers.LSTM(4)
    lstm(np.zeros((1, 2, 3), "float32"))
    other = keras.layers.LSTM(4)
    other(np.zeros((1, 2, 3), "float32"))
    other.cell.recurrent_kernel = lstm.cell.recurrent_kernel  # expect: TFV105


def case_add_weight_over_a_conv_kernel():
    conv = keras.layers.Conv2D(2, 3)
    conv.build((None, 5, 5, 1))
    shared = keras.Variable(np.ones((3, 3, 1, 2), "float32"))
    conv.kernel = shared  # expect: TFV105
