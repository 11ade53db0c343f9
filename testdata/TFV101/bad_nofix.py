# Detached variables that are reported without a fix.
import numpy as np
import tensorflow as tf
from tensorflow import keras


def case_owner_unreachable():
    # The model is returned from a list: no symbol reaches the layer.
    models = [keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, name="head")])]
    models[0](np.zeros((1, 4)))
    tf.Variable(np.ones((4, 2), "float32"), name="head/kernel")  # expect: TFV101
    return models[0].layers[0].kernel, np.ones((4, 2), "float32")


def case_symbol_read_before_build():
    seq = keras.Sequential([keras.layers.Dense(2, name="proj")])
    proj_kernel = tf.Variable(np.ones((4, 2), "float32"), name="proj/kernel")  # expect: TFV101
    print(proj_kernel.shape)
    seq.build((None, 4))
    return seq.get_layer("proj").kernel, np.ones((4, 2), "float32")


def case_value_made_after_the_layer():
    seq = keras.Sequential([keras.layers.Dense(2, name="proj")])
    value = np.ones((4, 2), "float32")
    tf.Variable(value, name="proj/kernel")  # expect: TFV101
    seq.build((None, 4))
    return seq.get_layer("proj").kernel, value


def case_other_dtype():
    net = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, name="head")])
    tf.Variable(np.ones((4, 2)), dtype=tf.float64, name="head/kernel")  # expect: TFV101
    return net.get_layer("head").kernel, np.ones((4, 2), "float32")
