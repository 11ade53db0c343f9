"""Hands-On Machine Learning 2nd edition, chapter 12: a model whose Dense layer has a custom activation, initializer, regularizer and constraint (plain functions) is saved to a file and loaded back from that file with all four in `custom_objects`; the notebook's other load reads another file (a model with only a custom loss) with only that loss in `custom_objects`. Every load of the file that holds the functions names them, so no load fails. (The notebook writes .h5 files; Keras 3.15 cannot reload their compiled `mae` metric, so this uses .keras.)

Source: https://github.com/ageron/handson-ml2/blob/master/12_custom_models_and_training_with_tensorflow.ipynb
Shape: notebook-like, sequential, several saves and loads
Target: keras3
Runtime: runs
"""

import numpy as np
import tensorflow as tf
from tensorflow import keras


def huber_fn(y_true, y_pred):
    error = y_true - y_pred
    is_small_error = tf.abs(error) < 1
    squared_loss = tf.square(error) / 2
    linear_loss = tf.abs(error) - 0.5
    return tf.where(is_small_error, squared_loss, linear_loss)


X_train = np.random.rand(64, 8).astype("float32")
y_train = np.random.rand(64, 1).astype("float32")
input_shape = X_train.shape[1:]

model = keras.models.Sequential([
    keras.layers.Dense(30, activation="selu", kernel_initializer="lecun_normal", input_shape=input_shape),
    keras.layers.Dense(1),
])
model.compile(loss=huber_fn, optimizer="nadam", metrics=["mae"])
model.fit(X_train, y_train, epochs=1, verbose=0)
model.save("my_model_with_a_custom_loss.keras")
model = keras.models.load_model("my_model_with_a_custom_loss.keras", custom_objects={"huber_fn": huber_fn})


def my_softplus(z):
    return tf.math.log(tf.exp(z) + 1.0)


def my_glorot_initializer(shape, dtype=tf.float32):
    stddev = tf.sqrt(2.0 / (shape[0] + shape[1]))
    return tf.random.normal(shape, stddev=stddev, dtype=dtype)


def my_l1_regularizer(weights):
    return tf.reduce_sum(tf.abs(0.01 * weights))


def my_positive_weights(weights):
    return tf.where(weights < 0.0, tf.zeros_like(weights), weights)


model = keras.models.Sequential([
    keras.layers.Dense(30, activation="selu", kernel_initializer="lecun_normal", input_shape=input_shape),
    keras.layers.Dense(1, activation=my_softplus,
                       kernel_regularizer=my_l1_regularizer,
                       kernel_constraint=my_positive_weights,
                       kernel_initializer=my_glorot_initializer),
])
model.compile(loss="mse", optimizer="nadam", metrics=["mae"])
model.fit(X_train, y_train, epochs=1, verbose=0)
model.save("my_model_with_many_custom_parts.keras")
loaded = keras.models.load_model(
    "my_model_with_many_custom_parts.keras",
    custom_objects={
        "my_l1_regularizer": my_l1_regularizer,
        "my_positive_weights": my_positive_weights,
        "my_glorot_initializer": my_glorot_initializer,
        "my_softplus": my_softplus,
    })
assert np.allclose(loaded.predict(X_train[:4], verbose=0), model.predict(X_train[:4], verbose=0))
