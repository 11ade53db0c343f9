"""A siamese network done the way the Keras guide shows it: `create_base_network` builds one named `Sequential` (`conv1_1`, `conv1_2`, `embed`) once, and the same model object is applied to both image inputs, so its layers (and names) appear once in the outer model.

Source: https://github.com/keras-team/keras/issues/6194
Shape: helper, functional, sequential, parameter
Target: keras3
Runtime: runs
"""

import keras
from keras import layers, ops


def create_base_network(input_dim):
    return keras.Sequential([
        keras.Input(input_dim),
        layers.Conv2D(8, 3, name="conv1_1", activation="relu"),
        layers.Conv2D(8, 3, name="conv1_2", activation="relu"),
        layers.GlobalAveragePooling2D(),
        layers.Dense(4, name="embed"),
    ], name="base")


def euclidean_distance(vects):
    x, y = vects
    return ops.sqrt(ops.maximum(ops.sum(ops.square(x - y), axis=1, keepdims=True), 1e-7))


input_dim = (16, 16, 1)
input_a = keras.Input(input_dim)
input_b = keras.Input(input_dim)
base_network = create_base_network(input_dim)
distance = layers.Lambda(euclidean_distance, output_shape=(1,))([base_network(input_a), base_network(input_b)])
model = keras.Model([input_a, input_b], distance)
assert model.get_layer("base") is base_network
