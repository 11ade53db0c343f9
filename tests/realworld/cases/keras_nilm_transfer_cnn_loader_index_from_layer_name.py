"""Transfer learning copies each saved conv layer into `model.layers[int(name[-1]) + 1]`; the checkpoint's layers were auto-named by TF2 (`conv2d`, `conv2d_1`, ...), so the first conv is skipped and every other one lands one layer too early.

Source: https://github.com/MingjunZhong/transferNILM/issues/9
Shape: helper, loop, container, model-layers, parameter, functional
Target: keras3
Runtime: raises ValueError: weight shape (10, 1, 1, 30) is not compatible with provided weight shape (8, 1, 30, 30)
"""

import numpy as np
import keras
from keras.layers import Conv2D, Dense, Flatten, Reshape
from keras.models import Model

WINDOW = 16


def get_model(input_tensor, window_length):
    reshape = Reshape((-1, window_length, 1))(input_tensor)
    cnn1 = Conv2D(filters=30, kernel_size=(10, 1), padding="same", activation="relu")(reshape)
    cnn2 = Conv2D(filters=30, kernel_size=(8, 1), padding="same", activation="relu")(cnn1)
    cnn3 = Conv2D(filters=40, kernel_size=(6, 1), padding="same", activation="relu")(cnn2)
    flat = Flatten(name="flatten")(cnn3)
    d = Dense(16, activation="relu", name="dense")(flat)
    d_out = Dense(1, activation="linear", name="output")(d)
    return Model(inputs=input_tensor, outputs=d_out)


def pretrained_cnn_store():
    # what the washing-machine model's weights file holds, keyed by the names TF2 gave its layers
    return {
        "conv2d": [np.zeros((10, 1, 1, 30), "float32"), np.zeros((30,), "float32")],
        "conv2d_1": [np.zeros((8, 1, 30, 30), "float32"), np.zeros((30,), "float32")],
        "conv2d_2": [np.zeros((6, 1, 30, 40), "float32"), np.zeros((40,), "float32")],
    }


def cnn_weights_loader(model_to_fill, store):
    layer_names = ["conv2d", "conv2d_1", "conv2d_2", "flatten", "dense", "output"]
    for name in layer_names:
        if "conv2d_" in name:
            weight_values = store[name]
            model_to_fill.layers[int(name[-1]) + 1].set_weights(weight_values)  # expect: TFV102
            print("Loaded cnn layer: {}".format(name))


model = get_model(keras.Input((WINDOW,)), WINDOW)
cnn_weights_loader(model, pretrained_cnn_store())
