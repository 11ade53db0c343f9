"""One module-level `@tf.function` train step reused across a hyper-parameter loop; each trial's fresh optimizer makes its slots on a retrace.

Source: https://github.com/suinleelab/attributionpriors/issues/6
Shape: tf-function, loop, helper, parameter, sequential
Target: keras3
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import numpy as np
import tensorflow as tf

loss_fn = tf.keras.losses.MeanSquaredError()


def make_model(units):
    return tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(units, activation="relu"), tf.keras.layers.Dense(1)])


@tf.function
def train_step(model, optimizer, x, y):
    with tf.GradientTape() as tape:
        loss = loss_fn(y, model(x, training=True))
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))  # expect: TFV401
    return loss


x = np.random.rand(8, 4).astype("float32")
y = np.random.rand(8, 1).astype("float32")
for units, lr in [(3, 1e-2), (5, 1e-3)]:
    model = make_model(units)
    optimizer = tf.keras.optimizers.Adam(lr)
    print(units, lr, float(train_step(model, optimizer, x, y)))
