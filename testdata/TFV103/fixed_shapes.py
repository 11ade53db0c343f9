# Recurrent weights read on the layer instead of its cell, in the shapes real code takes: helpers, loops,
# containers, parameters, attributes set in __init__, model.layers[i], get_layer, isinstance filters.
import numpy as np
from tensorflow import keras
from tensorflow.keras.layers import GRU, LSTM, Dense

X = np.zeros((2, 3, 5), "float32")


def make_encoder(units):
    encoder = LSTM(units, name="encoder")
    encoder(X)
    return encoder


def case_helper_returns_layer():
    encoder = make_encoder(4)
    return encoder.cell.kernel  # expect: TFV103


def case_loop_known_count():
    kernels = []
    for units in (2, 3):
        rnn = GRU(units)
        rnn(X)
        kernels.append(rnn.cell.recurrent_kernel)  # expect: TFV103
    return kernels


def case_loop_unknown_count(sizes=(2, 3, 4)):
    kernels = []
    for units in sizes:
        rnn = LSTM(units)
        rnn(X)
        kernels.append(rnn.cell.kernel)  # expect: TFV103
    return kernels


def case_list_of_layers():
    stack = [Dense(4), LSTM(4)]
    stack[1](X)
    return stack[1].cell.kernel  # expect: TFV103


def case_dict_of_layers():
    blocks = {"proj": Dense(4), "rnn": GRU(4)}
    blocks["rnn"](X)
    return blocks["rnn"].cell.bias  # expect: TFV103


class Seq2Seq(keras.Model):
    def __init__(self):
        super().__init__()
        self.encoder = LSTM(4, return_sequences=True, name="enc")
        self.head = Dense(2)

    def call(self, x):
        return self.head(self.encoder(x))

    def encoder_kernel(self):
        return self.encoder.cell.kernel  # expect: TFV103


def case_across_methods():
    model = Seq2Seq()
    model(X)
    return model.encoder_kernel()


def case_functional_layers_index():
    inputs = keras.Input((3, 5))
    hidden = LSTM(4)(inputs)
    outputs = Dense(2)(hidden)
    model = keras.Model(inputs, outputs)
    return model.layers[1].cell.kernel  # expect: TFV103  (layers[0] is the InputLayer)


def case_sequential_get_layer():
    model = keras.Sequential([keras.Input((3, 5)), GRU(4, name="gru"), Dense(1, name="out")])
    return model.get_layer("gru").cell.kernel  # expect: TFV103


def case_isinstance_filter():
    model = keras.Sequential([keras.Input((3, 5)), LSTM(4, return_sequences=True), LSTM(2), Dense(1)])
    kernels = []
    for layer in model.layers:
        if isinstance(layer, LSTM):
            kernels.append(layer.cell.kernel)  # expect: TFV103
    return kernels


def build_model():
    return keras.Sequential([keras.Input((3, 5)), LSTM(4), Dense(1)])


def case_builder_called_twice():
    first = build_model()
    second = build_model()
    return first.layers[0].cell.kernel, second.layers[0].cell.recurrent_kernel  # expect: TFV103


def case_subclassed_layers_index():
    model = Seq2Seq()
    model(X)
    return model.layers[0].cell.bias  # expect: TFV103


def case_subclassed_get_layer():
    model = Seq2Seq()
    model(X)
    return model.get_layer("enc").cell.recurrent_kernel  # expect: TFV103


def case_bidirectional_in_functional():
    inputs = keras.Input((3, 5))
    bi = keras.layers.Bidirectional(LSTM(4), name="bi")
    model = keras.Model(inputs, bi(inputs))
    return model.get_layer("bi").backward_layer.cell.kernel  # expect: TFV103


def case_list_reversed_in_place():
    stack = [Dense(4), LSTM(4)]
    stack.reverse()
    stack[0](X)
    return stack[0].cell.kernel  # expect: TFV103


def case_list_item_store():
    stack = [Dense(4), Dense(4)]
    stack[1] = GRU(4)
    stack[1](X)
    return stack[1].cell.kernel  # expect: TFV103


def case_nested_model():
    inner = keras.Sequential([keras.Input((3, 5)), LSTM(4)], name="inner")
    outer = keras.Sequential([keras.Input((3, 5)), inner, Dense(1)])
    return outer.layers[0].layers[0].cell.kernel  # expect: TFV103


# Module level, notebook style (last: it raises when the module runs).
decoder = GRU(3, name="decoder")
decoder(X)
decoder_kernel = decoder.cell.kernel  # expect: TFV103
