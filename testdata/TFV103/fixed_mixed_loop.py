# Found by the RNN weight rule: a loop over a model's layers reads `.kernel` on each; the Dense has one, the LSTM
# keeps its kernel on `.cell`, so the pass that reaches the LSTM raises (keras-adamw#32: a weight-decay helper
# keyed by `layer.kernel.path` for every layer with a `kernel_regularizer`, which an LSTM forwards from its cell).
import keras
from keras import layers, regularizers


def weight_decays(model):
    decays = {}
    for layer in model.layers:
        reg = getattr(layer, "kernel_regularizer", None)
        if reg is not None:
            decays[getattr(layer, "cell", layer).kernel.path] = float(reg.l2)  # expect: TFV103
    return decays


def case_lstm_then_dense():
    model = keras.Sequential([
        keras.Input((6, 4)),
        layers.LSTM(8, kernel_regularizer=regularizers.l2(1e-4)),
        layers.Dense(3, kernel_regularizer=regularizers.l2(1e-4)),
    ])
    return weight_decays(model)
