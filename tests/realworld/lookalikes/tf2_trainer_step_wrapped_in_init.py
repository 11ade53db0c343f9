"""A trainer wraps its step with `tf.function(self._train_step)` in `__init__`, and makes its optimizer and loss metric there too, not inside the step.

Source: https://github.com/keras-team/keras-io/issues/48
Shape: class-attribute, tf-function, subclassed, loop
Target: keras3
Runtime: runs
"""

import numpy as np
import tensorflow as tf


class Trainer:
    def __init__(self, model):
        self.model = model
        self.optimizer = tf.keras.optimizers.Adam(1e-3)
        self.mean_loss = tf.keras.metrics.Mean(name="loss")
        self.loss_fn = tf.keras.losses.MeanSquaredError()
        self.train_step = tf.function(self._train_step)

    def _train_step(self, x, y):
        with tf.GradientTape() as tape:
            loss = self.loss_fn(y, self.model(x, training=True))
        grads = tape.gradient(loss, self.model.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.model.trainable_variables))
        self.mean_loss.update_state(loss)
        return self.mean_loss.result()


model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(1)])
trainer = Trainer(model)
x = np.random.rand(4, 3).astype("float32")
y = np.random.rand(4, 1).astype("float32")
for _ in range(2):
    print(float(trainer.train_step(x, y)))
