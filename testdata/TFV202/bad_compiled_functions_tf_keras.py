# tf_keras: module-level functions given to `compile` of models this module saves (`.h5`, `.keras`) and loads
# back, compiled, without them in `custom_objects`: the compile config names each function, and `load_model`
# cannot find it (`Unknown loss function` from `.h5`, `Could not locate function` from `.keras`).
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402


def squared(y_true, y_pred):  # expect: TFV202
    return tf.reduce_mean(tf.square(y_true - y_pred))


def absolute(y_true, y_pred):  # expect: TFV202
    return tf.reduce_mean(tf.abs(y_true - y_pred))


def attempt(model, path):
    model.fit(np.ones((8, 3), "float32"), np.ones((8, 1), "float32"), epochs=1, verbose=0)
    model.save(path)
    try:
        tf.keras.models.load_model(path)
        return "loads"
    except Exception as error:
        return f"{type(error).__name__}: {error}"


def run(folder):
    here = os.getcwd()
    os.chdir(folder)
    try:
        loss = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(1)])
        loss.compile(optimizer="adam", loss=squared)
        metric = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(1)])
        metric.compile(optimizer="adam", loss="mse", metrics=[absolute])
        return {"loss": attempt(loss, "loss.h5"), "metric": attempt(metric, "metric.keras")}
    finally:
        os.chdir(here)
