"""A factory returns one `@tf.function` train step that takes the model and optimizer as arguments; the script repeats the experiment, and the second run's fresh model and Adam optimizer reach the already-traced function, whose retrace makes the new optimizer's variables on a non-first call.

Source: https://github.com/tensorflow/tensorflow/issues/42000
Shape: helper, factory, closure, loop, parameter, tf-function, sequential
Target: keras3
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import numpy as np
import tensorflow as tf
import keras


def build_model():
    model = keras.Sequential()
    model.add(keras.Input(shape=(2,)))
    model.add(keras.layers.Dense(10))
    model.add(keras.layers.Dense(1))
    return model


def compute_loss(batch_true, batch_pred):
    losses = keras.losses.mean_squared_error(batch_true, batch_pred)
    return tf.reduce_mean(losses)


def get_apply_grad_fn():
    @tf.function
    def train_step(model, batch_input, batch_label, optimizer):
        with tf.GradientTape() as tape:
            preds = model(batch_input)
            loss = compute_loss(batch_label, preds)
        trainable_variables = model.trainable_variables
        grads = tape.gradient(loss, trainable_variables)
        optimizer.apply_gradients(zip(grads, trainable_variables))  # expect: TFV401
        return loss

    return train_step


def train_epoch(model, dataset, train_step, optimizer):
    losses = []
    for batch_input, batch_label in dataset:
        losses.append(float(train_step(model, batch_input, batch_label, optimizer)))
    return float(np.mean(losses))


def run_experiment(train_step, n_epochs=2):
    x = np.random.rand(32, 2).astype("float32")
    y = (x.sum(axis=1, keepdims=True) > 1.0).astype("float32")
    dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(8)
    model = build_model()
    optimizer = keras.optimizers.Adam(learning_rate=0.01)
    for _ in range(n_epochs):
        loss = train_epoch(model, dataset, train_step, optimizer)
    return loss


train_step = get_apply_grad_fn()
for run in range(2):
    print("experiment", run, run_experiment(train_step))
