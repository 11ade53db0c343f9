"""A Ranger-style custom optimizer (RAdam + Lookahead) copies each weight into a fresh fp32 `tf.Variable` inside `update_step`, which `fit` traces in its train step, so the first step is refused.

Source: https://github.com/NoteDance/optimizers/issues/2
Shape: subclassed, optimizer, method, container, fit
Target: keras3
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import numpy as np
import keras
import tensorflow as tf


class Ranger(keras.optimizers.Optimizer):
    def __init__(
        self,
        learning_rate=1e-3,
        beta_1=0.95,
        beta_2=0.999,
        epsilon=1e-5,
        k=6,
        alpha=0.5,
        n_sma_threshhold=5,
        name="ranger",
        **kwargs,
    ):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.k = k
        self.alpha = alpha
        self.n_sma_threshhold = n_sma_threshhold

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._exp_avg = []
        self._exp_avg_sq = []
        self._slow_buffer = []
        for var in var_list:
            self._exp_avg.append(self.add_variable_from_reference(var, "exp_avg"))
            self._exp_avg_sq.append(self.add_variable_from_reference(var, "exp_avg_sq"))
            self._slow_buffer.append(self.add_variable_from_reference(var, "slow_buffer"))

    def update_step(self, gradient, variable, learning_rate):
        gradient = tf.cast(gradient, "float32")
        variable_fp32 = tf.Variable(tf.cast(variable, "float32"))  # expect: TFV401
        lr = tf.cast(learning_rate, variable_fp32.dtype)

        index = self._get_variable_index(variable)
        exp_avg = self._exp_avg[index]
        exp_avg_sq = self._exp_avg_sq[index]
        slow_buffer = self._slow_buffer[index]

        step = tf.cast(self.iterations + 1, "float32")
        exp_avg.assign(self.beta_1 * exp_avg + (1.0 - self.beta_1) * gradient)
        exp_avg_sq.assign(self.beta_2 * exp_avg_sq + (1.0 - self.beta_2) * tf.square(gradient))

        beta2_t = tf.pow(self.beta_2, step)
        n_sma_max = 2.0 / (1.0 - self.beta_2) - 1.0
        n_sma = n_sma_max - 2.0 * step * beta2_t / (1.0 - beta2_t)
        bias_correction1 = 1.0 - tf.pow(self.beta_1, step)
        rect = tf.sqrt(
            tf.maximum((n_sma - 4.0) * (n_sma - 2.0) * n_sma_max, 0.0)
            / tf.maximum((n_sma_max - 4.0) * (n_sma_max - 2.0) * n_sma, self.epsilon)
        )
        denom = tf.sqrt(exp_avg_sq / (1.0 - beta2_t)) + self.epsilon
        step_size = tf.where(n_sma > self.n_sma_threshhold, rect / bias_correction1 / denom, 1.0 / bias_correction1)
        variable_fp32.assign_sub(lr * step_size * exp_avg)

        # Lookahead: every k steps pull the slow weights toward the fast ones.
        if_sync = tf.equal(tf.math.floormod(step, self.k), 0.0)
        slow_new = slow_buffer + self.alpha * (variable_fp32 - slow_buffer)
        slow_buffer.assign(tf.where(if_sync, slow_new, slow_buffer))
        variable_fp32.assign(tf.where(if_sync, slow_new, variable_fp32))
        variable.assign(tf.cast(variable_fp32, variable.dtype))


model = keras.Sequential(
    [keras.Input((8,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(3, activation="softmax")]
)
model.compile(optimizer=Ranger(learning_rate=1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
rng = np.random.RandomState(0)
model.fit(rng.rand(32, 8).astype("float32"), rng.randint(0, 3, size=32), batch_size=8, epochs=1, verbose=0)
print(model.evaluate(rng.rand(8, 8).astype("float32"), rng.randint(0, 3, size=8), verbose=0))
