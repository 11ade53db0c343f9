"""The k-fold workaround from the thread: a `make_train_step(model, optimizer)` factory returns a fresh `tf.function` closing over each fold's own model and Adam, so every fold traces its own step and creates its optimizer's variables on that step's first call.

Source: https://github.com/tensorflow/tensorflow/issues/50691
Shape: tf-function, factory, closure, while-loop, subclassed, optimizer
Target: keras3
Runtime: runs
"""

import numpy as np
import tensorflow as tf


class RegressionModel(tf.keras.Model):
    def __init__(self, hidden):
        super().__init__()
        self.hidden = tf.keras.layers.Dense(hidden, activation="relu")
        self.out = tf.keras.layers.Dense(1)

    def call(self, x):
        return self.out(self.hidden(x))


loss_object = tf.keras.losses.MeanSquaredError()


def make_train_step(model, optimizer):
    @tf.function
    def _train_step(x, y):
        with tf.GradientTape() as tape:
            loss = loss_object(y, model(x, training=True))
        gradients = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(gradients, model.trainable_variables))
        return loss

    return _train_step


data_x = np.random.rand(40, 6).astype("float32")
data_y = np.random.rand(40, 1).astype("float32")
folds = np.array_split(np.arange(40), 4)
fold = 0
while fold < len(folds):
    val_idx = folds[fold]
    train_idx = np.setdiff1d(np.arange(40), val_idx)
    model = RegressionModel(8)
    optimizer = tf.keras.optimizers.Adam(1e-3)
    train_step = make_train_step(model, optimizer)
    for epoch in range(2):
        train_step(data_x[train_idx], data_y[train_idx])
    print(fold, float(loss_object(data_y[val_idx], model(data_x[val_idx]))))
    fold += 1
