# Variables named after a layer's weight in the shapes real code takes: helpers, loops, containers, parameters,
# attributes set in __init__, model.layers[i], get_layer. Each one is detached: the layer never reads it.
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras.layers import LSTM, Dense

def pretrained(*shape):
    # Stands in for weights read from an earlier run.
    return np.random.default_rng(0).random(shape, dtype=np.float32)


WARM = pretrained(4, 3)


def case_loop_known_count():
    model = keras.Sequential([keras.Input((4,)), Dense(3, name="enc"), Dense(3, name="dec")])
    for name in ("enc", "dec"):
        tf.Variable(np.zeros((3,), "float32") + 0.5, name=name + "/bias")  # expect: TFV101
    return model.get_layer("dec").bias, np.full((3,), 0.5, "float32")


def case_loop_over_model_layers():
    model = keras.Sequential([keras.Input((4,)), Dense(3, name="a"), Dense(3, name="b")])
    for layer in model.layers:
        tf.Variable(tf.zeros(layer.bias.shape) + 0.5, name=layer.name + "/bias")  # expect: TFV101
    return model.layers[1].bias, np.full((3,), 0.5, "float32")


def case_container():
    blocks = {"enc": LSTM(2, name="enc"), "head": Dense(1, name="head")}
    model = keras.Sequential([keras.Input((3, 4)), blocks["enc"], blocks["head"]])
    model.get_layer('enc').cell.kernel.assign(pretrained(4, 8))  # expect: TFV101
    return model.get_layer("enc").cell.kernel, pretrained(4, 8)


class Trainer:
    def __init__(self):
        self.encoder = LSTM(2, name="encoder")
        self.model = keras.Sequential([keras.Input((3, 4)), self.encoder])

    def warm_start(self, value):
        self.kernel = tf.Variable(value, name=f"{self.encoder.name}/lstm_cell/kernel")  # expect: TFV101


def case_across_methods():
    trainer = Trainer()
    trainer.warm_start(pretrained(4, 8))
    return trainer.encoder.cell.kernel, pretrained(4, 8)


def case_layers_index_name():
    inputs = keras.Input((4,))
    outputs = Dense(3, name="logits")(inputs)
    model = keras.Model(inputs, outputs)
    model.get_layer('logits').kernel.assign(WARM)  # expect: TFV101
    return model.layers[1].kernel, WARM


class Classifier(keras.Model):
    def __init__(self):
        super().__init__(name="classifier")
        self.hidden = Dense(3, name="hidden")

    def call(self, x):
        return self.hidden(x)


def case_subclassed_model():
    model = Classifier()
    model(np.zeros((1, 4), "float32"))
    model.hidden.kernel.assign(WARM)  # expect: TFV101
    return model.get_layer("hidden").kernel, WARM


# Module level, notebook style: functional model.
inputs = keras.Input((3, 4))
rnn = LSTM(2, name="rnn")
model = keras.Model(inputs, rnn(inputs))
rnn_bias = rnn.cell.bias  # expect: TFV101
rnn_bias.assign(pretrained(8))


def case_module_level():
    return rnn.cell.bias, pretrained(8)


def set_rnn_kernel(layer, value):
    # A helper called with the module's layer: the name is the layer's.
    return tf.Variable(value, name=f"{layer.name}/lstm_cell/kernel")  # expect: TFV101


def init_rnn_recurrent(value):
    return tf.Variable(value, name="rnn/lstm_cell/recurrent_kernel")  # expect: TFV101


set_rnn_kernel(rnn, pretrained(4, 8))
init_rnn_recurrent(pretrained(2, 8))


def case_through_parameter():
    return rnn.cell.kernel, pretrained(4, 8)


def case_helper_called_from_elsewhere():
    return rnn.cell.recurrent_kernel, pretrained(2, 8)
