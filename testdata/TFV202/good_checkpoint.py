# Near miss: the ModelCheckpoint writes weights only (save_weights_only=True), which holds no config: the plain
# function initializer is never saved.
import os

import keras
import numpy as np


def initialize_weights(shape, dtype=None):
    values = np.random.default_rng(0).normal(0.0, 0.01, size=shape)
    return keras.ops.convert_to_tensor(values, dtype=dtype)


def checkpoint_weights(folder):
    inputs = keras.Input((3,))
    model = keras.Model(inputs, keras.layers.Dense(2, kernel_initializer=initialize_weights)(inputs))
    model.compile(optimizer="sgd", loss="mse")
    path = os.path.join(folder, "best.weights.h5")
    checkpoint = keras.callbacks.ModelCheckpoint(path, save_weights_only=True)
    model.fit(np.zeros((4, 3)), np.zeros((4, 2)), epochs=1, verbose=0, callbacks=[checkpoint])
    model.load_weights(path)
    return model
