# Rebinding a built layer's weight to another Keras variable (another layer's weight, an `add_weight` or
# `keras.Variable`): Keras 3 refuses it (the layer is built, and the variable would be new state). The fix
# copies the variable's value into the layer's own weight with `assign`; the two stay separate variables
# (tying them takes one layer called on both inputs).
import numpy as np
import keras


def case_tie_recurrent_kernels():
    lstm = keras.layers.LSTM(4)
    lstm(np.zeros((1, 2, 3), "float32"))
    other = keras.layers.LSTM(4)
    other(np.zeros((1, 2, 3), "float32"))
    other.cell.recurrent_kernel.assign(lstm.cell.recurrent_kernel)  # expect: TFV105
    return other, ("cell", "recurrent_kernel"), np.asarray(lstm.cell.recurrent_kernel)


def case_add_weight_over_a_conv_kernel():
    conv = keras.layers.Conv2D(2, 3)
    conv.build((None, 5, 5, 1))
    shared = keras.Variable(np.ones((3, 3, 1, 2), "float32"))
    conv.kernel.assign(shared)  # expect: TFV105
    return conv, ("kernel",), np.ones((3, 3, 1, 2), "float32")


class Wrapper(keras.layers.Layer):
    # The wrapper makes a kernel itself, then puts it over its built Conv2D's.
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.conv = keras.layers.Conv2D(2, 3, padding="same")

    def build(self, input_shape):
        self.shared = self.add_weight(name="shared", shape=(3, 3, input_shape[-1], 2), initializer="ones")
        self.conv.build(input_shape)
        self.conv.kernel.assign(self.shared)  # expect: TFV105

    def call(self, x):
        return self.conv(x)


def case_add_weight_in_a_wrapper():
    layer = Wrapper()
    layer(np.zeros((1, 5, 5, 1), "float32"))
    return layer.conv, ("kernel",), np.ones((3, 3, 1, 2), "float32")
