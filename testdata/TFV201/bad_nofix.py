# Post-build edits with values known at construction that get no fix: the edit runs under a condition, the edited
# copy is kept, one helper edits several layers, or the weights were read in between.
import numpy as np
import tensorflow as tf


def conditional(flag):
    dense = tf.keras.layers.Dense(3)
    _ = dense(tf.zeros((1, 4)))
    if flag:
        dense.kernel[0, 0].assign(0.5)  # expect: TFV201


def round_trip_kept():
    dense = tf.keras.layers.Dense(3)
    _ = dense(tf.zeros((1, 4)))
    weights = dense.get_weights()
    weights[0][0, 0] = 0.5
    dense.set_weights(weights)  # expect: TFV201
    return weights


def zero_bias(layer):
    layer.bias.assign(np.zeros(layer.bias.shape))  # expect: TFV201


def every_hidden_layer():
    model = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(3), tf.keras.layers.Dense(2)])
    for layer in model.layers:
        zero_bias(layer)
    return model
