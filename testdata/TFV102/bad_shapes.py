# Values that cannot fit the weight they are given to, in the shapes real code takes: helpers, loops,
# containers, attributes set in __init__, model.layers[i], get_layer, isinstance filters, another model's
# weight, a whole model's set_weights.
import numpy as np
from tensorflow import keras
from tensorflow.keras.layers import GRU, LSTM, Dense

X = np.zeros((2, 3, 5), "float32")


def build_head(units):
    return keras.Sequential([keras.Input((4,)), Dense(units, name="head")])


def case_builder_called_twice():
    small, large = build_head(2), build_head(3)
    small.get_layer("head").kernel.assign(np.ones((4, 2), "float32"))
    large.get_layer("head").kernel.assign(np.ones((4, 2), "float32"))  # expect: TFV102


def case_loop_known_count():
    for units in (2, 3):
        dense = Dense(units)
        dense.build((None, 4))
        dense.set_weights([np.ones((4, units)), np.zeros((4,))])  # expect: TFV102


def case_list_of_layers():
    stack = [Dense(4), LSTM(4)]
    stack[1](X)
    stack[1].cell.kernel.assign(np.zeros((5, 4), "float32"))  # expect: TFV102


def case_dict_of_layers():
    blocks = {"rnn": GRU(4), "head": Dense(1)}
    blocks["rnn"](X)
    blocks["rnn"].cell.recurrent_kernel.assign(np.zeros((4, 4), "float32"))  # expect: TFV102


class Encoder(keras.Model):
    def __init__(self):
        super().__init__()
        self.rnn = LSTM(4)

    def call(self, x):
        return self.rnn(x)

    def reset_gates(self):
        self.rnn.cell.bias.assign(np.zeros((4,), "float32"))  # expect: TFV102


def case_across_methods():
    model = Encoder()
    model(X)
    model.reset_gates()


def case_functional_layers_index():
    inputs = keras.Input((3, 5))
    hidden = LSTM(4)(inputs)
    model = keras.Model(inputs, Dense(2)(hidden))
    model.layers[2].set_weights([np.ones((2, 4)), np.zeros((2,))])  # expect: TFV102


def case_isinstance_filter():
    model = keras.Sequential([keras.Input((3, 5)), LSTM(4, return_sequences=True), LSTM(4), Dense(1)])
    for layer in model.layers:
        if isinstance(layer, LSTM):
            layer.cell.recurrent_kernel.assign(np.eye(4, dtype="float32"))  # expect: TFV102


def case_subclassed_get_layer():
    model = Encoder()
    model(X)
    model.layers[0].cell.kernel.assign(np.zeros((4, 16), "float32"))  # expect: TFV102


def make_projection(init):
    return Dense(3, kernel_initializer=keras.initializers.Constant(init), name="projection")  # expect: TFV102


def case_constant_initializer_in_helper():
    layer = make_projection(np.ones((5, 3), "float32"))
    layer(np.zeros((1, 4), "float32"))


def load_kernel(layer, value):
    layer.cell.kernel.assign(value)  # expect: TFV102


def case_through_parameter():
    rnn = LSTM(4)
    rnn(X)
    load_kernel(rnn, np.zeros((5, 4), "float32"))


def case_loop_over_model_layers():
    model = keras.Sequential([keras.Input((4,)), Dense(3), Dense(3)])
    for layer in model.layers:
        layer.set_weights([np.ones((4, 3)), np.zeros(3)])  # expect: TFV102


def case_weights_of_another_layer():
    model = keras.Sequential([keras.Input((4,)), Dense(3, name="a"), Dense(2, name="b")])
    model.get_layer("b").set_weights(model.get_layer("a").get_weights())  # expect: TFV102



def case_weight_of_another_model():
    source = keras.Sequential([keras.Input((3, 5)), LSTM(4, name="source")])
    target = keras.Sequential([keras.Input((3, 5)), LSTM(3, name="target")])
    target.get_layer("target").cell.kernel.assign(source.get_layer("source").cell.kernel)  # expect: TFV102


def case_whole_model_set_weights():
    model = keras.Sequential([keras.Input((4,)), Dense(3)])
    model.set_weights([np.ones((3, 4)), np.zeros(3)])  # expect: TFV102


# Module level, notebook style (last: it raises when the module runs).
decoder = keras.Sequential([keras.Input((3, 5)), GRU(2, name="decoder")])
decoder.get_layer("decoder").cell.bias.assign(np.zeros((6,), "float32"))  # expect: TFV102
