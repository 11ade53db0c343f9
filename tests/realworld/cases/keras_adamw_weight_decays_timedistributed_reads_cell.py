"""An AdamW helper collects per-weight decay rates by walking `model.layers` and sends every layer that has a `layer` or a `cell` attribute to its RNN branch, which reads `layer.cell`; a `TimeDistributed(Dense)` has `layer` but no `cell`, so the walk fails on it.

Source: https://github.com/OverLordGoldDragon/keras-adamw/pull/29
Shape: helper, loop, parameter, model-layers, conditional, functional
Target: keras3
Runtime: raises AttributeError: 'TimeDistributed' object has no attribute 'cell'
"""

import keras
from keras import layers, regularizers


def get_weight_decays(model, verbose=1):
    wd_dict = {}
    for layer in model.layers:
        layer_l2regs = _get_layer_l2regs(layer)
        if layer_l2regs:
            for layer_l2 in layer_l2regs:
                weight_name, weight_l2 = layer_l2
                wd_dict.update({weight_name: weight_l2})
                if weight_l2 != 0 and verbose:
                    print("{} l2-regularization = {} - should be set 0 before compiling model".format(weight_name, weight_l2))
    return wd_dict


def _get_layer_l2regs(layer):
    if hasattr(layer, "layer") or hasattr(layer, "cell"):
        return _rnn_l2regs(layer)
    else:
        l2_lambda_kb = []
        for weight_name in ["kernel", "bias"]:
            _lambda = getattr(layer, weight_name + "_regularizer", None)
            if _lambda is not None:
                l2_lambda_kb.append([getattr(layer, weight_name).path, float(_lambda.l2)])
        return l2_lambda_kb


def _rnn_l2regs(layer):
    l2_lambda_krb = []
    if hasattr(layer, "backward_layer"):
        for layer in [layer.forward_layer, layer.backward_layer]:  # noqa: B020  (as in the report)
            l2_lambda_krb += _cell_l2regs(layer.cell)
        return l2_lambda_krb
    else:
        return _cell_l2regs(layer.cell)  # expect: TFV103


def _cell_l2regs(rnn_cell):
    cell = rnn_cell
    l2_lambda_krb = []  # kernel-recurrent-bias
    if hasattr(cell, "kernel_regularizer") or hasattr(cell, "recurrent_regularizer") or hasattr(cell, "bias_regularizer"):
        for weight_name in ["kernel", "recurrent", "bias"]:
            _lambda = getattr(cell, weight_name + "_regularizer", None)
            if _lambda is not None:
                weight_name = weight_name if "recurrent" not in weight_name else "recurrent_kernel"
                l2_lambda_krb.append([getattr(cell, weight_name).path, float(_lambda.l2)])
    return l2_lambda_krb


ipt = keras.Input(shape=(10, 4))
x = layers.LSTM(8, return_sequences=True, recurrent_regularizer=regularizers.l2(1e-4))(ipt)
x = layers.TimeDistributed(layers.Dense(6, kernel_regularizer=regularizers.l2(1e-4)))(x)
out = layers.Dense(1, kernel_regularizer=regularizers.l2(1e-4))(layers.Flatten()(x))
model = keras.Model(ipt, out)

weight_decays = get_weight_decays(model)
print(weight_decays)
