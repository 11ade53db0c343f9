"""A Dense layer is given three plain functions, `my_glorot_initializer`, `my_l1_regularizer` and `my_positive_weights`, as its kernel initializer, regularizer and constraint; the model trains and saves, but `load_model` cannot rebuild any of them from the saved function names.

Source: https://github.com/tensorflow/tensorflow/issues/26061
Shape: function-initializer, function-regularizer, function-constraint, sequential, save-load
Target: keras3
Runtime: raises TypeError: Could not interpret initializer identifier
"""

import os
import tempfile

import numpy as np
import tensorflow as tf
from tensorflow import keras


def my_glorot_initializer(shape, dtype=tf.float32):  # expect: TFV202
    stddev = tf.sqrt(2. / (shape[0] + shape[1]))
    return tf.random.normal(shape, stddev=stddev, dtype=dtype)


def my_l1_regularizer(weights):  # expect: TFV202
    return tf.reduce_sum(tf.abs(0.01 * weights))


def my_positive_weights(weights):  # expect: TFV202
    return tf.where(weights < 0., tf.zeros_like(weights), weights)


X_train = np.random.rand(32, 8).astype("float32")
y_train = np.random.rand(32, 1).astype("float32")
model = keras.models.Sequential([
    keras.Input((8,)),
    keras.layers.Dense(30, activation="selu", kernel_initializer="lecun_normal"),
    keras.layers.Dense(1, kernel_initializer=my_glorot_initializer, kernel_regularizer=my_l1_regularizer,
                       kernel_constraint=my_positive_weights),
])
model.compile(loss="mse", optimizer="nadam", metrics=["mae"])
model.fit(X_train, y_train, epochs=2, verbose=0)

path = os.path.join(tempfile.mkdtemp(), "my_model_with_many_custom_parts.keras")
model.save(path)
model = keras.models.load_model(path, safe_mode=False)
print(model.evaluate(X_train, y_train, verbose=0))
