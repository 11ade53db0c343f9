"""The POSEidon depth CNN with its Theano-ordered kernels converted first: the loader transposes each (filters, channels, rows, cols) kernel to (rows, cols, channels, filters) before it is handed to `Conv2D(weights=...)`, so the frozen layer takes it when it is built.

Source: https://github.com/gdubrg/POSEidon-Biwi/issues/5
Shape: helper, parameter, container, functional
Target: tf_keras
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
from tf_keras.layers import Conv2D, Dense, Flatten, Input, MaxPooling2D
from tf_keras.models import Model


def load_weights_file():
    return {
        "convolution2d_1": [np.zeros((30, 1, 5, 5), "float32"), np.zeros((30,), "float32")],
    }


def get_weights(f, i, layer_name="convolution2d"):
    kernel, bias = f[layer_name + "_{}".format(i)]
    return [np.transpose(kernel, (2, 3, 1, 0)), bias]


def CNN_DEPTH(input_img, f):
    weights = get_weights(f, 1)
    x = Conv2D(30, (5, 5), trainable=False, weights=weights, activation="tanh")(input_img)
    x = MaxPooling2D((2, 2))(x)
    x = Flatten()(x)
    return Dense(3, activation="tanh")(x)


def FUSION(weights_depth, depth_rows, depth_cols):
    input_depth = Input(shape=(depth_rows, depth_cols, 1))
    out = CNN_DEPTH(input_depth, weights_depth)
    return Model(inputs=input_depth, outputs=out)


model = FUSION(load_weights_file(), 32, 32)
print(model.predict(np.zeros((1, 32, 32, 1)), verbose=0).shape)
