"""The transferNILM loader done by name: the conv layers carry explicit names in both models, and each saved layer's weights go to `model.get_layer(name)`, so every kernel lands on the layer it was trained for.

Source: https://github.com/MingjunZhong/transferNILM/issues/9
Shape: helper, loop, container, get-layer, parameter, functional
Target: keras3
Runtime: runs
"""

import numpy as np
import keras
from keras.layers import Conv2D, Dense, Flatten, Reshape
from keras.models import Model

WINDOW = 16


def get_model(input_tensor, window_length):
    reshape = Reshape((-1, window_length, 1))(input_tensor)
    cnn1 = Conv2D(filters=30, kernel_size=(10, 1), padding="same", activation="relu", name="cnn1")(reshape)
    cnn2 = Conv2D(filters=30, kernel_size=(8, 1), padding="same", activation="relu", name="cnn2")(cnn1)
    cnn3 = Conv2D(filters=40, kernel_size=(6, 1), padding="same", activation="relu", name="cnn3")(cnn2)
    flat = Flatten(name="flatten")(cnn3)
    d = Dense(16, activation="relu", name="dense")(flat)
    d_out = Dense(1, activation="linear", name="output")(d)
    return Model(inputs=input_tensor, outputs=d_out)


def pretrained_cnn_store(path="washingmachine_cnn.npz"):
    # stands in for the washing-machine model's weights file: written once, read back by layer name
    np.savez(
        path,
        cnn1_kernel=np.zeros((10, 1, 1, 30), "float32"), cnn1_bias=np.zeros((30,), "float32"),
        cnn2_kernel=np.zeros((8, 1, 30, 30), "float32"), cnn2_bias=np.zeros((30,), "float32"),
        cnn3_kernel=np.zeros((6, 1, 30, 40), "float32"), cnn3_bias=np.zeros((40,), "float32"),
    )
    f = np.load(path)
    return {name: [f[name + "_kernel"], f[name + "_bias"]] for name in ("cnn1", "cnn2", "cnn3")}


def cnn_weights_loader(model_to_fill, store):
    layer_names = ["cnn1", "cnn2", "cnn3", "flatten", "dense", "output"]
    for name in layer_names:
        if "cnn" in name:
            model_to_fill.get_layer(name).set_weights(store[name])
            print("Loaded cnn layer: {}".format(name))


model = get_model(keras.Input((WINDOW,)), WINDOW)
cnn_weights_loader(model, pretrained_cnn_store())
print(model.predict(np.zeros((1, WINDOW)), verbose=0).shape)
