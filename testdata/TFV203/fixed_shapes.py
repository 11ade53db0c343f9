# The forget gate overriding a bias initializer in the shapes real code has: a helper given the initializer,
# cells made in a comprehension, options passed as **kwargs, a layer made in a custom layer's __init__.
import tensorflow as tf
from tensorflow import keras


def encoder(units, init):
    return keras.layers.LSTM(
        units, bias_initializer=init, return_sequences=True, unit_forget_bias=False
    )  # expect: TFV203


first = encoder(4, keras.initializers.Constant(0.1))
second = encoder(8, "random_uniform")

cells = [keras.layers.LSTMCell(n, bias_initializer="he_normal", unit_forget_bias=False) for n in (2, 3)]  # expect: TFV203
stacked = keras.layers.RNN(cells)
stacked.build((None, 2, 3))

options = {"bias_initializer": keras.initializers.Constant(0.3), "padding": "same"}
conv = keras.layers.ConvLSTM2D(2, 3, **options, unit_forget_bias=False)  # expect: TFV203
conv.build((None, 2, 5, 5, 1))


class Encoder(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.lstm = keras.layers.LSTM(
            4, bias_initializer=keras.initializers.Constant(0.5), unit_forget_bias=False
        )  # expect: TFV203

    def call(self, x):
        return self.lstm(x)


inputs = keras.Input((3, 2))
model = keras.Model(inputs, Encoder()(second(first(inputs))))
