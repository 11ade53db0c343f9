"""A YOLOv3 weight loader walks the conv / batch-norm layers by index and reads each batch-norm's parameters with the filter count of a hard-coded table; one table entry is off, so a `BatchNormalization` of 32 channels is given 64-long arrays.

Source: https://github.com/ozankaraali/yolov3-recaptcha/issues/5
Shape: helper, loop, get-layer, functional
Target: keras3
Runtime: raises ValueError: Layer batch_normalization_1 weight shape (32,) is not compatible with provided weight shape (64,)
"""

import numpy as np
import keras
from keras import layers

FILTERS = [16, 32, 64]


def darknet(input_layer):
    x = input_layer
    for i, filters in enumerate(FILTERS):
        x = layers.Conv2D(filters, 3, padding="same", use_bias=False, name=f"conv2d_{i}")(x)
        x = layers.BatchNormalization(name=f"batch_normalization_{i}")(x)
        x = layers.LeakyReLU(0.1)(x)
    return x


def load_weights(model, weights_file_filters):
    wf = np.random.default_rng(0).standard_normal(100000).astype("float32")
    offset = 0
    in_dim = 3
    for i in range(len(FILTERS)):
        conv_layer = model.get_layer(f"conv2d_{i}")
        bn_layer = model.get_layer(f"batch_normalization_{i}")
        filters = weights_file_filters[i]
        k_size = conv_layer.kernel_size[0]
        bn_weights = wf[offset : offset + 4 * filters].reshape((4, filters))[[1, 0, 2, 3]]
        offset += 4 * filters
        conv_shape = (filters, in_dim, k_size, k_size)
        conv_weights = wf[offset : offset + np.prod(conv_shape)].reshape(conv_shape).transpose([2, 3, 1, 0])
        offset += int(np.prod(conv_shape))
        bn_layer.set_weights(list(bn_weights))  # expect: TFV102
        conv_layer.set_weights([conv_weights])
        in_dim = filters


input_layer = keras.Input((16, 16, 3))
model = keras.Model(input_layer, darknet(input_layer))
load_weights(model, [16, 64, 64])
