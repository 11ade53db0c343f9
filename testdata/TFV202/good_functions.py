# Near misses of plain functions given to a built-in layer: a registered one, and one that every load of the
# module passes in `custom_objects`; both load.
import os

import keras
import numpy as np


@keras.saving.register_keras_serializable(package="fixtures")
def normal_init(shape, dtype=None):
    values = np.random.default_rng(0).normal(0.0, 0.01, size=shape)
    return keras.ops.convert_to_tensor(values, dtype=dtype)


def l2_small(weights):
    return 0.001 * keras.ops.sum(weights**2)


def save_all(folder):
    inputs = keras.Input((3,))
    outputs = keras.layers.Dense(2, kernel_initializer=normal_init, kernel_regularizer=l2_small)(inputs)
    model = keras.Model(inputs, outputs)
    path = os.path.join(folder, "all.keras")
    model.save(path)
    return model, path


def load(path):
    return keras.models.load_model(path, custom_objects={"l2_small": l2_small})
