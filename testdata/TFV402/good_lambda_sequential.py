# Lambdas in a Sequential whose functions only compute, or call a sub-model made once outside them and added to
# the model (keras-applications#168's working version): nothing is made on a call.
import keras
import numpy as np
import tensorflow as tf


def case_ops_only():
    model = keras.Sequential([keras.Input((3,)), keras.layers.Lambda(lambda x: tf.nn.relu(x) * 2.0)])
    model.add(keras.layers.Dense(2))
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((4, 3), "float32"), np.ones((4, 2), "float32"), epochs=1, verbose=0)
    return len(model.trainable_weights)


def case_sub_model_made_once():
    encoder = keras.Sequential([keras.layers.Bidirectional(keras.layers.LSTM(4, return_sequences=True))])
    model = keras.Sequential()
    model.add(keras.Input((5, 3)))
    model.add(encoder)
    model.add(keras.layers.Lambda(lambda x: tf.reduce_mean(x, axis=1)))
    model.compile(optimizer="adam", loss="mse")
    model.fit(np.ones((4, 5, 3), "float32"), np.ones((4, 8), "float32"), epochs=1, verbose=0)
    return len(model.trainable_weights)
