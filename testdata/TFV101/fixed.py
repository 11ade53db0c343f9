# Variables named after a layer's weight: every one is a new, detached variable the layer never reads.
import numpy as np
import tensorflow as tf
from tensorflow import keras

# Notebook style: module level, functional model (built when it is made), f-string name.
inputs = keras.Input((4,))
hidden = keras.layers.Dense(3, name="hidden")
outputs = hidden(inputs)
model = keras.Model(inputs, outputs)
hidden_bias = hidden.bias  # expect: TFV101
hidden_bias.assign(np.full((3,), 0.5, "float32"))


def case_module_level():
    return hidden.bias, np.full((3,), 0.5, "float32")


def case_functional_by_get_layer():
    x = keras.Input((4,))
    y = keras.layers.Dense(3, name="enc")(x)
    net = keras.Model(x, y)
    enc_kernel = net.get_layer('enc').kernel  # expect: TFV101
    enc_kernel.assign(np.full((4, 3), 0.5, "float32"))
    return net.get_layer("enc").kernel, np.full((4, 3), 0.5, "float32")


def case_sequential_keras3_path():
    seq = keras.Sequential([keras.Input((5, 4)), keras.layers.LSTM(2, name="my_lstm")])
    seq.get_layer('my_lstm').cell.recurrent_kernel.assign(np.ones((2, 8), "float32"))  # expect: TFV101
    return seq.get_layer("my_lstm").cell.recurrent_kernel, np.ones((2, 8), "float32")


def case_tf1_style_name_after_fit():
    seq = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, name="out")])
    seq.compile(optimizer="sgd", loss="mse")
    seq.fit(np.zeros((2, 4)), np.zeros((2, 2)), verbose=0)
    out_kernel = seq.get_layer('out').kernel  # expect: TFV101
    out_kernel.assign(np.full((4, 2), 2.0, "float32"))
    return seq.get_layer("out").kernel, np.full((4, 2), 2.0, "float32")


def case_unbuilt_moves_to_initializer():
    seq = keras.Sequential([keras.layers.LSTM(2, name="my_lstm", kernel_initializer=keras.initializers.Constant(np.full((4, 8), 0.25, "float32"))), keras.layers.Dense(1)])
    seq.build((None, 3, 4))
    return seq.get_layer("my_lstm").cell.kernel, np.full((4, 8), 0.25, "float32")
