"""A stock-price LSTM tutorial's custom loss penalises wrong up/down moves: it builds a `direction_loss` tensor as `tf.Variable(tf.ones_like(y_pred))`, scatters the penalty into it and multiplies the squared error by it; `fit` traces the loss in its train function, where the variable would be made on every call.

Source: https://github.com/ngaiyin1760/LSTM-model-stock-price-movement-prediction-/issues/4
Shape: loss-function, helper, slicing, sequential, module, compile-fit
Target: tf_keras
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf
from tensorflow.keras import backend as K
from tensorflow.keras.layers import LSTM, Dense, Input
from tensorflow.keras.models import Sequential

BATCH_SIZE = 8
TIME_STEPS = 4


def custom_loss(y_true, y_pred):
    y_true_next = y_true[1:]
    y_pred_next = y_pred[1:]
    y_true_tdy = y_true[:-1]
    y_pred_tdy = y_pred[:-1]

    y_true_diff = tf.subtract(y_true_next, y_true_tdy)
    y_pred_diff = tf.subtract(y_pred_next, y_pred_tdy)
    standard = tf.zeros_like(y_pred_diff)
    y_true_move = tf.reshape(tf.greater_equal(y_true_diff, standard), [-1])
    y_pred_move = tf.reshape(tf.greater_equal(y_pred_diff, standard), [-1])

    condition = tf.not_equal(y_true_move, y_pred_move)
    indices = tf.where(condition)
    indices = K.cast(tf.add(indices, tf.ones_like(indices)), dtype="int32")

    direction_loss = tf.Variable(tf.ones_like(y_pred), dtype="float32")  # expect: TFV401
    updates = K.cast(tf.ones_like(indices), dtype="float32")
    alpha = 1000
    direction_loss = tf.tensor_scatter_nd_update(direction_loss, indices, alpha * updates)
    return K.mean(tf.multiply(K.square(y_true - y_pred), direction_loss), axis=-1)


def create_lstm_model(n_features):
    lstm_model = Sequential()
    lstm_model.add(Input(shape=(TIME_STEPS, n_features)))
    lstm_model.add(LSTM(6, return_sequences=True))
    lstm_model.add(LSTM(4))
    lstm_model.add(Dense(3, activation="relu"))
    lstm_model.add(Dense(1, activation="sigmoid"))
    lstm_model.compile(loss=custom_loss, optimizer="adam")
    return lstm_model


x_t = np.random.rand(BATCH_SIZE * 2, TIME_STEPS, 3).astype("float32")
y_t = np.random.rand(BATCH_SIZE * 2, 1).astype("float32")
model = create_lstm_model(x_t.shape[2])
model.fit(x_t, y_t, epochs=1, batch_size=BATCH_SIZE, verbose=0, shuffle=False)
