"""An AdamW helper collects per-weight decay rates by walking `model.layers` and, for every layer that has a `kernel_regularizer`, reading `layer.kernel` to key the rate by the weight's path; a Keras 3 `LSTM` exposes `kernel_regularizer` (forwarded from its cell) but keeps the kernel on `layer.cell`, so the walk fails on the LSTM.

Source: https://github.com/OverLordGoldDragon/keras-adamw/pull/32
Shape: helper, loop, parameter, sequential
Target: keras3
Runtime: raises AttributeError: 'LSTM' object has no attribute 'kernel'
"""

import keras
from keras import layers, regularizers


def get_weight_decays(model):
    wd_dict = {}
    for layer in model.layers:
        reg = getattr(layer, "kernel_regularizer", None)
        if reg is not None:
            wd_dict[layer.kernel.path] = float(reg.l2)  # expect: TFV103
    return wd_dict


model = keras.Sequential([
    keras.Input((6, 4)),
    layers.LSTM(8, kernel_regularizer=regularizers.l2(1e-4), name="lstm"),
    layers.Dense(3, kernel_regularizer=regularizers.l2(1e-4)),
])
print(get_weight_decays(model))
