# tensorflow#42000: a factory makes one tf.function train step, which binds the model's variables to a local name
# before applying the gradients, and a repeated experiment hands it a new model and optimizer through a helper:
# the retrace makes the new optimizer's variables. The fix builds each optimizer before the call.
import keras
import numpy as np
import tensorflow as tf


def get_apply_grad_fn():
    @tf.function
    def train_step(model, batch_input, batch_label, optimizer):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(model(batch_input) - batch_label))
        trainable_variables = model.trainable_variables
        grads = tape.gradient(loss, trainable_variables)
        optimizer.apply_gradients(zip(grads, trainable_variables))  # expect: TFV401
        return loss

    return train_step


def train_epoch(model, optimizer, train_step, x, y):
    losses = []
    for start in range(0, len(x), 2):
        optimizer.build(model.trainable_variables)
        losses.append(float(train_step(model, x[start : start + 2], y[start : start + 2], optimizer)))
    return losses


def case_repeated_experiment():
    x, y = np.ones((4, 2), "float32"), np.zeros((4, 1), "float32")
    train_step = get_apply_grad_fn()
    runs = []
    for rate in (0.1, 0.01):
        model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1, kernel_initializer="ones")])
        optimizer = keras.optimizers.Adam(rate)
        runs.append(train_epoch(model, optimizer, train_step, x, y))
    return runs
