# Layers that own no variable, made on every trace of a tf.function (tensorflow#36504's Flatten): nothing is
# made twice, retracing included. A Dropout is not one of them: it owns a seed generator's state variable.
import numpy as np
import tensorflow as tf
import keras


@tf.function
def flat(x):
    return keras.layers.Flatten()(x)


@tf.function
def pooled(x):
    return keras.layers.GlobalAveragePooling1D()(keras.layers.ReLU()(x))


def case_retraced():
    shapes = []
    for width in (2, 3, 4):  # a new input shape each call: each one retraces
        shapes.append(list(flat(np.ones((1, 4, width), "float32")).shape))
        shapes.append(list(pooled(np.ones((1, 4, width), "float32")).shape))
    return shapes
