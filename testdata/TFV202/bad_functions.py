# Plain functions given as a built-in layer's initializer, regularizer or constraint in a module that saves the
# model (keras-oneshot#10): Keras 3 saves each as {'module': 'builtins', 'class_name': 'function'}, and
# `load_model` raises `TypeError: ... Could not interpret initializer identifier` (regularizer, constraint).
import os

import keras
import numpy as np


def normal_init(shape, dtype=None):  # expect: TFV202
    values = np.random.default_rng(0).normal(0.0, 0.01, size=shape)
    return keras.ops.convert_to_tensor(values, dtype=dtype)


def l2_small(weights):  # expect: TFV202
    return 0.001 * keras.ops.sum(weights**2)


def clip_unit(weights):  # expect: TFV202
    return keras.ops.clip(weights, -1.0, 1.0)


def case_initialized():
    inputs = keras.Input((3,))
    outputs = keras.layers.Dense(2, kernel_initializer=normal_init, bias_initializer=normal_init)(inputs)
    return keras.Model(inputs, outputs)


def save_initialized(folder):
    model = case_initialized()
    path = os.path.join(folder, "initialized.keras")
    model.save(path)
    return model, path


def case_regularized():
    inputs = keras.Input((3,))
    outputs = keras.layers.Dense(2, kernel_regularizer=l2_small)(inputs)
    return keras.Model(inputs, outputs)


def save_regularized(folder):
    model = case_regularized()
    path = os.path.join(folder, "regularized.keras")
    model.save(path)
    return model, path


def case_constrained():
    inputs = keras.Input((3,))
    outputs = keras.layers.Dense(2, kernel_constraint=clip_unit)(inputs)
    return keras.Model(inputs, outputs)


def save_constrained(folder):
    model = case_constrained()
    path = os.path.join(folder, "constrained.keras")
    model.save(path)
    return model, path
