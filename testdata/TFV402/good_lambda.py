# Lambda functions that compute only, or use state made outside them once.
import numpy as np
import tensorflow as tf
from tensorflow import keras

SHIFT = tf.constant(1.0)


def shifted(x):
    return x + SHIFT


def case_pure_lambda():
    inputs = keras.Input((3,))
    x = keras.layers.Lambda(lambda t: tf.nn.relu(t))(inputs)
    model = keras.Model(inputs, keras.layers.Lambda(shifted)(x))
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((4, 3), "float32"), np.ones((4, 3), "float32"), epochs=1, verbose=0)


def case_constant_made_inside():
    inputs = keras.Input((3,))
    model = keras.Model(inputs, keras.layers.Lambda(lambda t: t * tf.ones((3,)))(inputs))
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((4, 3), "float32"), np.ones((4, 3), "float32"), epochs=1, verbose=0)
