"""A custom training loop gets its step from a factory: `train_step()` defines a `@tf.function` whose arguments are the model, the loss object, the optimizer and the metrics, all made once outside; the step sets the optimizer's learning rate for the epoch (a Python float, so each epoch's new value retraces the step) and applies gradients: only the first trace builds the optimizer's slots, and the retraces make no variables.

Source: https://github.com/tensorflow/tensorflow/issues/50379
Shape: factory, nested-function, tf-function, parameter, loop, metric-objects, subclassed-model
Target: keras3
Runtime: runs
"""

import numpy as np
import tensorflow as tf
from tensorflow import keras


class SmallNet(keras.Model):
    def __init__(self, num_classes=3):
        super().__init__()
        self.hidden = keras.layers.Dense(8, activation="relu")
        self.out = keras.layers.Dense(num_classes)

    def call(self, x):
        return self.out(self.hidden(x))


def train_step():
    @tf.function
    def train_step1(data, model, lr, loss_object, optimizer, train_loss, train_accuracy):
        with tf.GradientTape() as tape:
            prediction = model(data[0])
            loss = loss_object(data[1], prediction)
        gradients = tape.gradient(loss, model.trainable_variables)
        optimizer.learning_rate = lr
        optimizer.apply_gradients(zip(gradients, model.trainable_variables))
        train_loss(loss)
        train_accuracy(data[1], prediction)

    return train_step1


model = SmallNet()
loss_object = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
optimizer = keras.optimizers.Adam()
train_loss = keras.metrics.Mean(name="train_loss")
train_accuracy = keras.metrics.SparseCategoricalAccuracy(name="train_accuracy")
step = train_step()

x = np.random.rand(16, 4).astype("float32")
y = np.random.randint(0, 3, 16)
dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(8)
for epoch, lr in enumerate([1e-3, 5e-4]):
    train_loss.reset_state()
    train_accuracy.reset_state()
    for data in dataset:
        step(data, model, lr, loss_object, optimizer, train_loss, train_accuracy)
    print(epoch, float(train_loss.result()), float(train_accuracy.result()))
