# Module-level functions given to `compile` (keras#11363's `f1` metric, a loss given positionally, a metric in a
# dict of lists) of models this module saves to `.keras` files and loads back, compiled, without the function in
# `custom_objects`: the saved compile config names each function, and `load_model` cannot find it.
import os

import keras
import numpy as np
from keras import ops


@keras.utils.register_keras_serializable()
def f1(y_true, y_pred):  # expect: TFV202
    true_positives = ops.sum(ops.round(ops.clip(y_true * y_pred, 0, 1)))
    return true_positives / (ops.sum(ops.round(ops.clip(y_pred, 0, 1))) + keras.config.epsilon())


@keras.utils.register_keras_serializable()
def squared(y_true, y_pred):  # expect: TFV202
    return ops.mean(ops.square(y_true - y_pred))


@keras.utils.register_keras_serializable()
def absolute(y_true, y_pred):  # expect: TFV202
    return ops.mean(ops.abs(y_true - y_pred))


def make():
    return keras.Sequential([keras.Input((3,)), keras.layers.Dense(1, name="out")])


def attempt(model, path):
    x, y = np.ones((8, 3), "float32"), np.ones((8, 1), "float32")
    model.fit(x, y, epochs=1, verbose=0)
    model.save(path)
    try:
        keras.models.load_model(path)
        return "loads"
    except Exception as error:
        return f"{type(error).__name__}: {error}"


def run(folder):
    here = os.getcwd()
    os.chdir(folder)
    try:
        metric = make()
        metric.compile(optimizer="adam", loss="mse", metrics=["accuracy", f1])
        loss = make()
        loss.compile("adam", squared)
        nested = make()
        nested.compile(optimizer="adam", loss="mse", metrics={"out": [absolute]})
        return {
            "metric": attempt(metric, "metric.keras"),
            "loss": attempt(loss, "loss.keras"),
            "nested": attempt(nested, "nested.keras"),
        }
    finally:
        os.chdir(here)
