# One layer called several times where every call fits the weights it was built with.
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers


def case_shared_layer_one_width():
    project = layers.Dense(4)
    a, b = keras.Input((3,)), keras.Input((3,))
    return keras.Model([a, b], [project(a), project(b)])


def case_layers_without_weights():
    act = layers.Activation("relu")
    drop = layers.Dropout(0.1)
    return act(np.zeros((1, 3))), drop(act(np.zeros((1, 5))))


def case_one_arm_each(wide=True):
    norm = layers.BatchNormalization()
    if wide:
        return norm(np.zeros((2, 16), "float32"))
    return norm(np.zeros((2, 4), "float32"))


def case_fresh_layer_per_width():
    return [layers.LayerNormalization()(np.zeros((1, w), "float32")) for w in (6, 2)]


def case_embedding_ignores_the_input_width():
    embed = layers.Embedding(10, 3)
    return embed(np.zeros((1, 4), "int32")), embed(np.zeros((1, 7), "int32"))
