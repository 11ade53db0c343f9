"""Hands-On Machine Learning's chapter 12: a Dense layer given a custom activation, initializer, regularizer and constraint (plain functions) to show the API, never put in a model; the models the notebook saves hold only built-in layers and a custom loss, and each is loaded back with that loss in `custom_objects`. Nothing saved refers to the plain functions, so no load looks for them.

Source: https://github.com/ageron/handson-ml3/blob/main/12_custom_models_and_training_with_tensorflow.ipynb
Shape: notebook-like, sequential
Target: keras3
Runtime: runs
"""

import numpy as np
import tensorflow as tf


def huber_fn(y_true, y_pred):
    error = y_true - y_pred
    is_small_error = tf.abs(error) < 1
    squared_loss = tf.square(error) / 2
    linear_loss = tf.abs(error) - 0.5
    return tf.where(is_small_error, squared_loss, linear_loss)


X_train = np.random.rand(64, 8).astype("float32")
y_train = np.random.rand(64, 1).astype("float32")
input_shape = X_train.shape[1:]

model = tf.keras.Sequential([
    tf.keras.Input(shape=input_shape),
    tf.keras.layers.Dense(30, activation="relu", kernel_initializer="he_normal"),
    tf.keras.layers.Dense(1),
])
model.compile(loss=huber_fn, optimizer="nadam", metrics=["mae"])
model.fit(X_train, y_train, epochs=1, verbose=0)
model.save("my_model_with_a_custom_loss.keras")
model = tf.keras.models.load_model("my_model_with_a_custom_loss.keras", custom_objects={"huber_fn": huber_fn})


def my_softplus(z):
    return tf.math.log(1.0 + tf.exp(z))


def my_glorot_initializer(shape, dtype=tf.float32):
    stddev = tf.sqrt(2.0 / (shape[0] + shape[1]))
    return tf.random.normal(shape, stddev=stddev, dtype=dtype)


def my_l1_regularizer(weights):
    return tf.reduce_sum(tf.abs(0.01 * weights))


def my_positive_weights(weights):
    return tf.where(weights < 0.0, tf.zeros_like(weights), weights)


layer = tf.keras.layers.Dense(1, activation=my_softplus, kernel_initializer=my_glorot_initializer,
                              kernel_regularizer=my_l1_regularizer, kernel_constraint=my_positive_weights)
assert layer(X_train[:2]).shape == (2, 1)
