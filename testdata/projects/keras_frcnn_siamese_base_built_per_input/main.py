"""A siamese network on top of the Faster R-CNN backbone: the script calls `nn.nn_base` once for each of the two image inputs, measures the distance of the two flattened feature maps with a `Lambda`, and builds one `keras.Model` over both branches; each call of the helper made its own `conv1`, `bn_conv1` and `pool1`, so the model holds every name twice.

Source: https://github.com/yhenon/keras-frcnn/issues/159
Shape: helper, functional, two-module
Target: keras3
Runtime: raises ValueError: The name "conv1" is used 2 times in the model
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import keras
from keras import layers, ops

import nn

input_shape_img = (32, 32, 3)


def euclidean_distance(vects):
    x, y = vects
    return ops.sqrt(ops.maximum(ops.sum(ops.square(x - y), axis=1, keepdims=True), 1e-7))


img_input_a = keras.Input(shape=input_shape_img)
img_input_b = keras.Input(shape=input_shape_img)

shared_layers_a = nn.nn_base(img_input_a, trainable=True)
shared_layers_b = nn.nn_base(img_input_b, trainable=True)  # expect: TFV104

distance = layers.Lambda(euclidean_distance, output_shape=(1,))([nn.flatten(shared_layers_a), nn.flatten(shared_layers_b)])
model = keras.Model([img_input_a, img_input_b], distance)
