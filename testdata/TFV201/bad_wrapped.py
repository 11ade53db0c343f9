# tf_keras: values given in weights= to a layer that a wrapper builds itself are never written (PredNet,
# coxlab/prednet#9): TimeDistributed builds the inner layer, Bidirectional builds copies made from its config.
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers

loss_weights = np.array([[1.0], [0.0], [0.0], [0.0]])
lstm_weights = [np.ones((4, 8)), np.ones((2, 8)), np.zeros(8)]


def case_time_distributed():
    errors = tf.keras.Input((5, 4))
    dense = layers.Dense(1, weights=[loss_weights, np.zeros(1)], trainable=False)  # expect: TFV201
    return tf.keras.Model(errors, layers.TimeDistributed(dense, trainable=False)(errors))


def case_bidirectional():
    inputs = tf.keras.Input((5, 4))
    return tf.keras.Model(inputs, layers.Bidirectional(layers.LSTM(2, weights=lstm_weights))(inputs))  # expect: TFV201
