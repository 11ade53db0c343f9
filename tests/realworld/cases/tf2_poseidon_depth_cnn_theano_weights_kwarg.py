"""A frozen depth CNN gets each conv layer's pretrained weights through `weights=` from a per-layer store; the store holds Theano-ordered kernels (filters, channels, rows, cols), so the first conv of the channels-last model, whose kernel is (rows, cols, channels, filters), cannot take them when it is built.

Source: https://github.com/gdubrg/POSEidon-Biwi/issues/5
Shape: helper, parameter, container, functional
Target: tf_keras
Runtime: raises ValueError: not compatible with provided weight shape (30, 1, 5, 5)
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
from tf_keras.layers import Conv2D, Dense, Flatten, Input, MaxPooling2D
from tf_keras.models import Model


def load_weights_file():
    # convolution2d_1 of the Theano-trained checkpoint
    return {
        "convolution2d_1": [np.zeros((30, 1, 5, 5), "float32"), np.zeros((30,), "float32")],
    }


def get_weights(f, i, layer_name="convolution2d"):
    return f[layer_name + "_{}".format(i)]


def CNN_DEPTH(input_img, f):
    weights = get_weights(f, 1)
    x = Conv2D(30, (5, 5), trainable=False, weights=weights, activation="tanh")(input_img)  # expect: TFV102
    x = MaxPooling2D((2, 2))(x)
    x = Flatten()(x)
    return Dense(3, activation="tanh")(x)


def FUSION(weights_depth, depth_rows, depth_cols):
    input_depth = Input(shape=(depth_rows, depth_cols, 1))
    out = CNN_DEPTH(input_depth, weights_depth)
    return Model(inputs=input_depth, outputs=out)


model = FUSION(load_weights_file(), 32, 32)
model.summary()
