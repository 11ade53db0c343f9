"""A hyper-parameter search builds each trial's model in a loop and names every hidden layer and dropout after the loop index (`"activation_l{}".format(i)`), so the names inside one model are all distinct.

Source: https://github.com/optuna/optuna/issues/1885
Shape: helper, loop, sequential
Target: keras3
Runtime: runs
"""

import numpy as np
import keras
from keras.layers import Dense, Dropout


def create_model(n_layers, n_columns, units):
    model = keras.Sequential()
    model.add(keras.Input((n_columns,)))
    model.add(Dense(n_columns, activation="tanh"))
    for i in range(n_layers):
        model.add(Dense(units[i], name="activation_l{}".format(i), activation="tanh"))
        model.add(Dropout(0.1 * i, name="dropout_l{}".format(i)))
    model.add(Dense(3, activation="softmax"))
    return model


for trial in range(2):
    model = create_model(3, 4, [5, 6, 7])
    model.compile(loss="sparse_categorical_crossentropy", optimizer="sgd")
    model.fit(np.random.rand(4, 4), np.random.randint(0, 3, 4), epochs=1, verbose=0)
