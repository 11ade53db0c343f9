"""Following the forget/input-gate bias advice in keras#7028, a custom initializer lays out `[-1 | +1 | 0 | -1]` over the four LSTM gates, but `unit_forget_bias` is left True, so Keras calls it on slices and the layout is lost.

Source: https://github.com/keras-team/keras/issues/7028
Shape: subclassed, functional, parameter
Target: keras3
Runtime: silent: the input-gate bias is not all -1 (the initializer was called with shape (units,) and (2*units,))
"""

import keras
import numpy as np


class GateBias(keras.initializers.Initializer):
    """Negative input and output gates, positive forget gate, zero candidate."""

    def __call__(self, shape, dtype=None):
        u = shape[0] // 4
        values = np.concatenate([-np.ones(u), np.ones(u), np.zeros(u), -np.ones(u)])
        return keras.ops.convert_to_tensor(values, dtype=dtype or "float32")


def make_encoder(units, bias_initializer):
    inputs = keras.Input((7, 3))
    outputs = keras.layers.LSTM(units, bias_initializer=bias_initializer)(inputs)  # expect: TFV203
    return keras.Model(inputs, outputs)


units = 8
encoder = make_encoder(units, GateBias())
bias = keras.ops.convert_to_numpy(encoder.layers[1].cell.bias)
print(bias)

# --- probe ---
print("TFVARFIX-BUG" if not np.allclose(bias[:units], -1.0) else "TFVARFIX-OK")
