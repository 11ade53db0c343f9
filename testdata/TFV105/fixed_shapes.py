# Rebinding a built layer's weight attribute, in the shapes real code takes: helpers, loops, containers,
# parameters, attributes set in __init__, model.layers[i], get_layer, isinstance filters. Keras 3 keeps
# tracking (and training and saving) the old variable, or refuses for kernels that are properties.
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras.layers import GRU, LSTM, Dense

X = np.zeros((2, 3, 5), "float32")


def pretrained(*shape):
    # Stands in for weights read from an earlier run.
    return np.random.default_rng(0).random(shape, dtype=np.float32)


def replace_bias(layer, value):
    layer.bias.assign(value)  # expect: TFV105


def case_through_parameter():
    dense = Dense(3)
    dense.build((None, 4))
    replace_bias(dense, pretrained(3))
    return dense, ("bias",), pretrained(3)


def case_loop_over_model_layers():
    model = keras.Sequential([keras.Input((4,)), Dense(2)])
    for layer in model.layers:
        layer.bias.assign(tf.ones_like(layer.bias))  # expect: TFV105
    return model.layers[0], ("bias",), np.ones((2,), "float32")


def case_dict_of_layers():
    blocks = {"rnn": GRU(2), "head": Dense(1)}
    blocks["rnn"](X)
    blocks["rnn"].cell.recurrent_kernel.assign(pretrained(2, 6))  # expect: TFV105
    return blocks["rnn"], ("cell", "recurrent_kernel"), pretrained(2, 6)


class Encoder(keras.Model):
    def __init__(self):
        super().__init__()
        self.rnn = LSTM(2)
        self.rnn.build((None, 3, 5))

    def call(self, x):
        return self.rnn(x)

    def reset_kernel(self, value):
        self.rnn.cell.kernel.assign(value)  # expect: TFV105


encoder = Encoder()
encoder.reset_kernel(pretrained(5, 8))


def case_across_methods():
    return encoder.rnn, ("cell", "kernel"), pretrained(5, 8)


def case_functional_layers_index():
    inputs = keras.Input((3, 5))
    hidden = LSTM(2)(inputs)
    model = keras.Model(inputs, Dense(1)(hidden))
    model.layers[1].cell.bias.assign(pretrained(8))  # expect: TFV105
    return model.layers[1], ("cell", "bias"), pretrained(8)


def case_isinstance_filter():
    model = keras.Sequential([keras.Input((3, 5)), LSTM(2, return_sequences=True), Dense(1)])
    for layer in model.layers:
        if isinstance(layer, LSTM):
            layer.cell.bias.assign(tf.zeros_like(layer.cell.bias) + 1.0)  # expect: TFV105
    return model.layers[0], ("cell", "bias"), np.ones((8,), "float32")


class Tagger(keras.Model):
    def __init__(self):
        super().__init__()
        self.rnn = LSTM(2)

    def call(self, x):
        return self.rnn(x)


def case_subclassed_get_layer():
    model = Tagger()
    model(X)
    model.get_layer(index=0).cell.recurrent_kernel.assign(pretrained(2, 8))  # expect: TFV105
    return model.rnn, ("cell", "recurrent_kernel"), pretrained(2, 8)


def case_dense_kernel_property_through_get_layer():
    model = keras.Sequential([keras.Input((4,)), Dense(3, name="proj")])
    model.get_layer("proj").kernel.assign(pretrained(4, 3))  # expect: TFV105
    return model.get_layer("proj"), ("kernel",), pretrained(4, 3)


def build_model():
    return keras.Sequential([keras.Input((3, 5)), GRU(2, name="gru")])


def case_builder_called_twice():
    build_model()
    model = build_model()
    model.get_layer("gru").cell.bias.assign(pretrained(2, 6))  # expect: TFV105
    return model.get_layer("gru"), ("cell", "bias"), pretrained(2, 6)


# Module level, notebook style.
lstm = LSTM(2, name="notebook_lstm")
lstm(X)
lstm.cell.kernel.assign(pretrained(5, 8))  # expect: TFV105


def case_module_level():
    return lstm, ("cell", "kernel"), pretrained(5, 8)


def case_loop_over_several_built_layers():
    first, second = Dense(3), Dense(3)
    for layer in (first, second):
        layer.build((None, 4))
        layer.bias = tf.Variable(np.ones((3,), "float32"))  # expect: TFV105
    return second, ("bias",), np.ones((3,), "float32")
