"""A custom training loop creates its Adam optimizer once, outside the `@tf.function` train step; the step only applies gradients, so the optimizer's slot variables are made on the function's first call only.

Source: https://github.com/tensorflow/tensorflow/issues/34983
Shape: tf-function, parameter, sequential
Target: keras3
Runtime: runs
"""

import numpy as np
import keras
import tensorflow as tf

model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3)])
optimizer = keras.optimizers.Adam(0.001)
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        loss = loss_fn(y, model(x))
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))
    return loss


x = np.random.RandomState(0).rand(8, 4).astype("float32")
y = np.array([0, 1, 2, 0, 1, 2, 0, 1])
for epoch in range(3):
    print(epoch, float(train_step(x, y)))
