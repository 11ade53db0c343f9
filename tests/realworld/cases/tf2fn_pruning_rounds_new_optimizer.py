"""An iterative-pruning (lottery ticket) loop builds a fresh model and a fresh optimizer each round but keeps calling one module-level `@tf.function` train step; in round two the new optimizer creates its variables inside the already-traced function.

Source: https://github.com/tensorflow/tensorflow/issues/36574
Shape: loop, tf-function, parameter, helper, sequential
Target: keras3
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import numpy as np
import keras
import tensorflow as tf

loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
train_loss = keras.metrics.Mean(name="train_loss")
train_accuracy = keras.metrics.SparseCategoricalAccuracy(name="train_accuracy")


def pruned_nn():
    return keras.Sequential([keras.Input((4,)), keras.layers.Dense(6, activation="relu"), keras.layers.Dense(3)])


@tf.function
def train_step(model, mask_model, optimizer, x, y):
    with tf.GradientTape() as tape:
        y_pred = model(x)
        loss = loss_fn(y, y_pred)
    grads = tape.gradient(loss, model.trainable_variables)
    grads = [g * m for g, m in zip(grads, mask_model)]
    optimizer.apply_gradients(zip(grads, model.trainable_variables))  # expect: TFV401
    train_loss(loss)
    train_accuracy(y, y_pred)
    return None


x = np.random.RandomState(0).rand(8, 4).astype("float32")
y = np.array([0, 1, 2, 0, 1, 2, 0, 1])

for pruning_round in range(2):
    # Initialize a neural network model and its optimizer for this round
    model_gt = pruned_nn()
    optimizer = keras.optimizers.Adam(learning_rate=1e-3)
    mask_model = [tf.ones_like(w) for w in model_gt.trainable_variables]
    train_step(model_gt, mask_model, optimizer, x, y)
    print("round", pruning_round, float(train_loss.result()))
