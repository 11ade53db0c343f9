"""A darknet weight loader copied from full YOLOv3 treats only convolutions 58, 66 and 74 as bias-carrying output layers; on yolov3-tiny the output convolution at index 9 gets `set_weights([conv_weights])` though it has a bias.

Source: https://github.com/hunglc007/tensorflow-yolov4-tflite/issues/116
Shape: helper, loop, model-layers, index-list
Target: keras3
Runtime: raises ValueError: but the layer was expecting 2 weights
"""

import numpy as np
import keras
from keras import layers


def darknet_conv(x, filters, bn=True):
    x = layers.Conv2D(filters, 3, padding="same", use_bias=not bn)(x)
    if bn:
        x = layers.BatchNormalization()(x)
        x = layers.LeakyReLU(0.1)(x)
    return x


def yolov3_tiny(input_shape=(16, 16, 3)):
    inputs = keras.Input(input_shape)
    x = inputs
    for filters in (4, 8, 16, 8):
        x = darknet_conv(x, filters)
    x = darknet_conv(x, 6, bn=False)
    return keras.Model(inputs, x)


def load_weights(model, wf, output_pos=(58, 66, 74)):
    rng = np.random.default_rng(0)
    convs = [layer for layer in model.layers if isinstance(layer, layers.Conv2D)]
    bns = [layer for layer in model.layers if isinstance(layer, layers.BatchNormalization)]
    j = 0
    for i, conv in enumerate(convs):
        in_dim = conv.kernel.shape[-2]
        filters = conv.filters
        if i not in output_pos:
            bn_weights = rng.random((4, filters)).astype("float32")
            bn_weights = bn_weights[[1, 0, 2, 3]]
            j += 1
        else:
            conv_bias = rng.random(filters).astype("float32")
        conv_weights = rng.random((3, 3, in_dim, filters)).astype("float32")
        if i not in output_pos:
            conv.set_weights([conv_weights])  # expect: TFV102
            bns[j - 1].set_weights(list(bn_weights))
        else:
            conv.set_weights([conv_weights, conv_bias])


model = yolov3_tiny()
load_weights(model, "yolov3-tiny.weights")
