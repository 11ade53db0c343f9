# Functions given to `compile` that every load finds or never looks up: loaded with `compile=False`, passed in
# `custom_objects`, registered, built into Keras, compiled again with a built-in loss before the save, or in a
# model saved only as an `.h5` file (Keras 3's legacy format, which these loads do not read here).
import os

import keras
import numpy as np
from keras import ops


def squared(y_true, y_pred):
    return ops.mean(ops.square(y_true - y_pred))


def absolute(y_true, y_pred):
    return ops.mean(ops.abs(y_true - y_pred))


@keras.saving.register_keras_serializable(package="good_compiled")
def registered(y_true, y_pred):
    return ops.mean(ops.abs(y_true - y_pred))


def make():
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1, name="out")])
    return model


def train(model):
    model.fit(np.ones((8, 3), "float32"), np.ones((8, 1), "float32"), epochs=1, verbose=0)


def run(folder):
    here = os.getcwd()
    os.chdir(folder)
    out = {}
    try:
        uncompiled = make()
        uncompiled.compile(optimizer="adam", loss=squared, metrics=[absolute])
        train(uncompiled)
        uncompiled.save("uncompiled.keras")
        out["compile=False"] = keras.models.load_model("uncompiled.keras", compile=False).loss is None
        given = make()
        given.compile("adam", squared, metrics=[absolute])
        train(given)
        given.save("given.keras")
        loaded = keras.models.load_model("given.keras", custom_objects={"squared": squared, "absolute": absolute})
        out["custom_objects"] = loaded.loss is squared
        known = make()
        known.compile(optimizer="adam", loss=registered, metrics=["mae", keras.losses.mean_squared_error])
        train(known)
        known.save("known.keras")
        out["registered"] = keras.models.load_model("known.keras").loss is registered
        again = make()
        again.compile(optimizer="adam", loss=squared)
        train(again)
        again.compile(optimizer="adam", loss="mse")
        again.save("again.keras")
        out["compiled again"] = keras.models.load_model("again.keras").loss == "mse"
        legacy = make()
        legacy.compile(optimizer="adam", loss="mse", metrics=[absolute])
        train(legacy)
        legacy.save("legacy.h5")
        out["h5 saved"] = os.path.exists("legacy.h5")
    finally:
        os.chdir(here)
    return out
