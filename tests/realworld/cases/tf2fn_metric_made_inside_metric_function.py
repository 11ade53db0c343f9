"""A transformer chatbot's custom `accuracy(y_true, y_pred)` metric constructs a new SparseCategoricalAccuracy on every call; `fit` runs it inside its compiled train step, so the metric's variables are created inside a tf.function.

Source: https://github.com/tensorflow/tensorflow/issues/33576
Shape: helper, parameter, functional, tf-function
Target: keras3
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import numpy as np
import keras
import tensorflow as tf

MAX_LENGTH, VOCAB_SIZE = 5, 7


def loss_function(y_true, y_pred):
    y_true = tf.reshape(y_true, shape=(-1, MAX_LENGTH - 1))
    loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True, reduction="none")(y_true, y_pred)
    mask = tf.cast(tf.not_equal(y_true, 0), tf.float32)
    return tf.reduce_mean(loss * mask)


def accuracy(y_true, y_pred):
    # ensure labels have shape (batch_size, MAX_LENGTH - 1)
    y_true = tf.reshape(y_true, shape=(-1, MAX_LENGTH - 1))
    accuracy = keras.metrics.SparseCategoricalAccuracy()(y_true, y_pred)  # expect: TFV401
    return accuracy


inputs = keras.Input((MAX_LENGTH - 1,), dtype="int32")
hidden = keras.layers.Embedding(VOCAB_SIZE, 4)(inputs)
outputs = keras.layers.Dense(VOCAB_SIZE)(hidden)
model = keras.Model(inputs, outputs)
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss=loss_function, metrics=[accuracy])

x = np.ones((4, MAX_LENGTH - 1), "int32")
y = np.ones((4, MAX_LENGTH - 1), "int32")
model.fit(x, y, epochs=1, batch_size=4, verbose=0)
print("trained")
