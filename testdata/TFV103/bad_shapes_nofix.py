# Recurrent weights on the layer in shapes where the layer's type is only known per path (a parameter, two
# arms of an if, a comprehension over mixed layers): every path has an RNN layer, so `.cell` is right on each.
import numpy as np
from tensorflow import keras
from tensorflow.keras.layers import GRU, LSTM

X = np.zeros((2, 3, 5), "float32")


def read_bias(layer):
    return layer.bias  # expect: TFV103


def case_through_parameter():
    rnn = keras.layers.SimpleRNN(3)
    rnn(X)
    return read_bias(rnn)


def case_conditional_expression(gated=True):
    rnn = GRU(4) if gated else LSTM(4)
    rnn(X)
    return rnn.kernel  # expect: TFV103


class Encoder(keras.Model):
    def __init__(self, gated):
        super().__init__()
        if gated:
            self.rnn = GRU(4)
        else:
            self.rnn = LSTM(4)

    def call(self, x):
        return self.rnn(x)

    def kernel(self):
        return self.rnn.kernel  # expect: TFV103


def case_attribute_set_on_both_arms():
    model = Encoder(gated=False)
    model(X)
    return model.kernel()


def case_comprehension_over_layers():
    model = keras.Sequential([keras.Input((3, 5)), LSTM(4, return_sequences=True), GRU(2)])
    return [layer.kernel for layer in model.layers]  # expect: TFV103
