# Near misses in real shapes: a helper only ever given zeros or ones, or given unit_forget_bias=False with the
# initializer, a helper nobody here calls (its initializer is not known), a GRU made in a loop.
from tensorflow import keras


def encoder(units, init):
    return keras.layers.LSTM(units, bias_initializer=init)


plain = encoder(4, "zeros")
ones = encoder(4, keras.initializers.Ones())


def switched(init, forget):
    return keras.layers.LSTM(4, bias_initializer=init, unit_forget_bias=forget)


kept = switched(keras.initializers.Constant(0.5), False)


def unknown(init):
    return keras.layers.LSTM(4, bias_initializer=init)


grus = [keras.layers.GRU(n, bias_initializer="random_normal") for n in (2, 3)]
