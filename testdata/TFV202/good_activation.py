# Near misses of a function given as `activation`: a registered one, a built-in name, and one that every load of
# the module passes in `custom_objects`; all load.
import os

import keras


@keras.saving.register_keras_serializable(package="fixtures")
def swish(x):
    return x * keras.ops.sigmoid(x)


def mish(x):
    return x * keras.ops.tanh(keras.ops.softplus(x))


def save_all(folder):
    inputs = keras.Input((3,))
    hidden = keras.layers.Dense(4, activation=swish)(inputs)
    hidden = keras.layers.Dense(4, activation="relu")(hidden)
    outputs = keras.layers.Dense(2, activation=mish)(hidden)
    model = keras.Model(inputs, outputs)
    path = os.path.join(folder, "all.keras")
    model.save(path)
    return model, path


def load(path):
    return keras.models.load_model(path, custom_objects={"mish": mish})
