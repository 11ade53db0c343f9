# A plain function initializer in a module whose only save is a ModelCheckpoint callback (the default,
# save_weights_only=False, writes the whole model as model.save would): hlamba28/One-Shot-Learning#3.
import os

import keras
import numpy as np


def initialize_weights(shape, dtype=None):  # expect: TFV202
    values = np.random.default_rng(0).normal(0.0, 0.01, size=shape)
    return keras.ops.convert_to_tensor(values, dtype=dtype)


def case_checkpointed():
    inputs = keras.Input((3,))
    outputs = keras.layers.Dense(2, kernel_initializer=initialize_weights)(inputs)
    return keras.Model(inputs, outputs)


def save_checkpointed(folder):
    model = case_checkpointed()
    model.compile(optimizer="sgd", loss="mse")
    path = os.path.join(folder, "best.keras")
    checkpoint = keras.callbacks.ModelCheckpoint(path, save_best_only=True, monitor="loss")
    model.fit(np.zeros((4, 3)), np.zeros((4, 2)), epochs=1, verbose=0, callbacks=[checkpoint])
    return model, path
