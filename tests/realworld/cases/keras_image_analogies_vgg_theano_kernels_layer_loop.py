"""Loads the original VGG16 weights file layer by layer (`model.layers[k].set_weights(...)`), flipping each conv kernel for the backend; the file holds Theano-ordered kernels (out, in, rows, cols), the channels-last model wants (rows, cols, in, out).

Source: https://github.com/awentzonline/image-analogies/issues/51
Shape: helper, loop, container, model-layers, type-test, sequential
Target: keras3
Runtime: raises ValueError: weight shape (3, 3, 3, 8) is not compatible with provided weight shape (8, 3, 3, 3)
"""

import numpy as np
import keras
from keras.layers import AveragePooling2D, Conv2D, ZeroPadding2D
from keras.models import Sequential


def vgg16_weights_file():
    # the layout of vgg16_weights.h5: one group per layer, params in Theano order
    return {
        "nb_layers": 5,
        "layer_0": [],
        "layer_1": [np.zeros((8, 3, 3, 3), "float32"), np.zeros((8,), "float32")],
        "layer_2": [],
        "layer_3": [np.zeros((8, 8, 3, 3), "float32"), np.zeros((8,), "float32")],
        "layer_4": [],
    }


def get_model(img_width, img_height, f):
    model = Sequential()
    model.add(keras.Input((img_height, img_width, 3)))
    model.add(ZeroPadding2D((1, 1)))
    model.add(Conv2D(8, (3, 3), activation="relu", name="conv1_1"))
    model.add(ZeroPadding2D((1, 1)))
    model.add(Conv2D(8, (3, 3), activation="relu", name="conv1_2"))
    model.add(AveragePooling2D((2, 2), strides=(2, 2)))

    for k in range(f["nb_layers"]):
        if k >= len(model.layers):
            break
        weights = [p for p in f["layer_{}".format(k)]]
        layer = model.layers[k]
        if isinstance(layer, Conv2D):
            weights[0] = np.array(weights[0])[:, :, ::-1, ::-1]
        layer.set_weights(weights)  # expect: TFV102
    return model


model = get_model(16, 16, vgg16_weights_file())
