# tf_keras accepts a layer made lazily on the first call of a layer's `call()`, but not state made in a Lambda's
# function: it raises `The following Variables were created within a Lambda layer ... but are not tracked by said
# layer` on the Lambda's first call (keras#4608's gating network: `K.variable` in the function).
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf
import tensorflow.keras.backend as K
from tensorflow import keras


def scale(x):
    w = K.variable(1.0, name="w_g")  # expect: TFV402
    return tf.multiply(x, w)


def shift(x):
    b = tf.Variable(0.5, name="shift")  # expect: TFV402
    return x + b


def case_functional_k_variable():
    inputs = keras.Input((3,))
    model = keras.Model(inputs, keras.layers.Lambda(scale)(inputs))
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((4, 3), "float32"), np.ones((4, 3), "float32"), epochs=1, verbose=0)


def case_sequential_tf_variable():
    model = keras.Sequential([keras.Input((3,)), keras.layers.Lambda(shift)])
    return model.predict(np.ones((4, 3), "float32"), verbose=0).tolist()


def case_dense_made_in_the_function():
    project = keras.layers.Lambda(lambda x: keras.layers.Dense(2)(x))  # expect: TFV402
    return project(np.ones((4, 3), "float32")).numpy().tolist()
