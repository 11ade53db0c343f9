"""The same helper-built Sequential model with `Lambda(lambda x: dummy_padding(x, padding_size))`, in tf_keras saved to HDF5 as the report did: tf_keras's HDF5 load gives the rebuilt lambda the program's globals, so `dummy_padding` is found and the loaded model predicts the same.

Source: https://github.com/tensorflow/tensorflow/issues/54198
Shape: lambda, closure, helper, parameter, module-function, sequential, h5, load
Target: tf_keras
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Dense, Flatten, Input, Lambda
from tensorflow.keras.models import Sequential, load_model


def dummy_padding(x, padding_size):
    return tf.pad(x, [[0, 0], [padding_size, padding_size], [padding_size, padding_size], [0, 0]], mode="SYMMETRIC")


def dummy_nn(n_hidden, kernel_size=28, padding_size=5):
    model = Sequential()
    model.add(Input((kernel_size, kernel_size, 1)))
    model.add(Lambda(lambda x: dummy_padding(x, padding_size)))
    model.add(Flatten())
    model.add(Dense(10))
    return model


model_ = dummy_nn(500)
tf.keras.models.save_model(model_, "model_.h5")
restored = load_model("model_.h5")
x = np.random.rand(2, 28, 28, 1).astype("float32")
assert np.allclose(restored.predict(x, verbose=0), model_.predict(x, verbose=0))
