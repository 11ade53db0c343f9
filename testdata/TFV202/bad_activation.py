# A plain function given as a built-in layer's `activation` (or `recurrent_activation`) in a module that saves the
# model: Keras 3 saves it as {'module': 'builtins', 'class_name': 'function', 'config': 'swish'}, and
# `load_model` raises `TypeError: ... Could not locate function 'swish'`.
import os

import keras


def swish(x):  # expect: TFV202
    return x * keras.ops.sigmoid(x)


def hard_gate(x):  # expect: TFV202
    return keras.ops.clip(0.2 * x + 0.5, 0.0, 1.0)


def case_dense():
    inputs = keras.Input((3,))
    outputs = keras.layers.Dense(2, activation=swish)(inputs)
    return keras.Model(inputs, outputs)


def save_dense(folder):
    model = case_dense()
    path = os.path.join(folder, "dense.keras")
    model.save(path)
    return model, path


def case_recurrent():
    return keras.Sequential([keras.Input((4, 3)), keras.layers.LSTM(2, recurrent_activation=hard_gate)])


def save_recurrent(folder):
    model = case_recurrent()
    path = os.path.join(folder, "recurrent.keras")
    model.save(path)
    return model, path
