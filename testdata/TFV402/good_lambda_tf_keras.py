# tf_keras Lambdas whose functions only compute, with a constant made outside them: they build and train.
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf
from tensorflow import keras

SCALE = tf.constant(2.0)


def scaled(x):
    return tf.multiply(x, SCALE)


def case_functional():
    inputs = keras.Input((3,))
    model = keras.Model(inputs, keras.layers.Dense(2)(keras.layers.Lambda(scaled)(inputs)))
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((4, 3), "float32"), np.ones((4, 2), "float32"), epochs=1, verbose=0)
    return len(model.trainable_weights)


def case_sequential():
    model = keras.Sequential([keras.Input((3,)), keras.layers.Lambda(lambda x: tf.nn.relu(x) + 1.0)])
    return model.predict(np.ones((4, 3), "float32"), verbose=0).tolist()
