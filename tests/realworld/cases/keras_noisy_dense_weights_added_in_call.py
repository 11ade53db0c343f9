"""An n-step TD agent's `NoisyDense` layer makes its mean and noise-scale weights with `add_weight` inside `call()` (the input width is known there), and the agent model trains it with `GradientTape`; the weights are made on the first call only after the tape started, and every later call adds new state to a built layer.

Source: https://github.com/tensorflow/tensorflow/issues/32729
Shape: subclassed, class-attribute, tf-function
Target: keras3
Runtime: raises ValueError: You cannot add new elements of state
"""

import numpy as np
import tensorflow as tf
import keras


class NoisyDense(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def call(self, inputs):
        in_dim = inputs.shape[-1]
        self.mu_w = self.add_weight(shape=(in_dim, self.units), initializer="glorot_uniform", name="mu_w")  # expect: TFV402
        self.sigma_w = self.add_weight(shape=(in_dim, self.units), initializer=keras.initializers.Constant(0.017), name="sigma_w")  # expect: TFV402
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")  # expect: TFV402
        eps = tf.random.normal((in_dim, self.units))
        return tf.matmul(inputs, self.mu_w + self.sigma_w * eps) + self.bias


class BasicNStepTD(keras.Model):
    def __init__(self, num_actions):
        super().__init__()
        self.hidden = keras.layers.Dense(8, activation="relu")
        self.noisy_dense = NoisyDense(num_actions)

    def call(self, x):
        return self.noisy_dense(self.hidden(x))


model = BasicNStepTD(3)
optimizer = keras.optimizers.Adam(1e-3)
x = np.random.rand(4, 5).astype("float32")
for step in range(2):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(x)))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
