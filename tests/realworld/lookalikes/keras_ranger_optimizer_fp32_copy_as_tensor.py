"""The optimizer project's fixed Ranger: `update_step` takes the fp32 copy of each weight as a tensor (`tf.cast`), and the Lookahead slow weights are variables made once in `build`, so `fit`'s traced train step makes no variable.

Source: https://github.com/NoteDance/optimizers/blob/a0f5daf1ca78a2d45d18ff444c58da875ae2e75b/optimizers/ranger_sn.py
Shape: subclassed, optimizer, method, container, fit
Target: keras3
Runtime: runs
"""

import numpy as np
import keras
import tensorflow as tf


class Ranger(keras.optimizers.Optimizer):
    def __init__(self, learning_rate=1e-3, beta1=0.95, beta2=0.999, epsilon=1e-5, alpha=0.5, k=6,
                 n_sma_threshhold=5, name="ranger", **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.alpha = alpha
        self.k = k
        self.n_sma_threshhold = n_sma_threshhold

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self.exp_avg = []
        self.exp_avg_sq = []
        self.slow_buffer = []
        for var in var_list:
            self.exp_avg.append(self.add_variable_from_reference(reference_variable=var, name="exp_avg"))
            self.exp_avg_sq.append(self.add_variable_from_reference(reference_variable=var, name="exp_avg_sq"))
            self.slow_buffer.append(tf.Variable(var))
            self._track_variable(self.slow_buffer[-1])

    def update_step(self, gradient, variable, learning_rate):
        if gradient.dtype != tf.float32:
            gradient = tf.cast(gradient, "float32")
        if variable.dtype != tf.float32:
            variable_fp32 = tf.cast(variable, "float32")
        else:
            variable_fp32 = tf.convert_to_tensor(variable)
        lr = tf.cast(learning_rate, variable_fp32.dtype)

        exp_avg = self.exp_avg[self._get_variable_index(variable)]
        exp_avg_sq = self.exp_avg_sq[self._get_variable_index(variable)]
        step = tf.cast(self.iterations + 1, variable_fp32.dtype)

        exp_avg_sq.assign(self.beta2 * exp_avg_sq + (1 - self.beta2) * tf.pow(gradient, 2))
        exp_avg.assign(self.beta1 * exp_avg + (1 - self.beta1) * gradient)

        beta2_t = self.beta2**step
        n_sma_max = 2 / (1 - self.beta2) - 1
        n_sma = n_sma_max - 2 * step * beta2_t / (1 - beta2_t)

        def rectified():
            denom = tf.sqrt(exp_avg_sq) + self.epsilon
            step_size = tf.sqrt(
                (1 - beta2_t) * (n_sma - 4) / (n_sma_max - 4) * (n_sma - 2) / n_sma * n_sma_max / (n_sma_max - 2)
            ) / (1 - self.beta1**step)
            return lr * step_size * exp_avg / denom

        def unrectified():
            return lr * (1.0 / (1 - self.beta1**step)) * exp_avg

        update = tf.cond(n_sma > self.n_sma_threshhold, rectified, unrectified)
        variable_fp32 -= update
        variable.assign(tf.cast(variable_fp32, variable.dtype))

        # integrated look ahead, at the param level
        def sync():
            slow_p = self.slow_buffer[self._get_variable_index(variable)]
            slow_p.assign_add(self.alpha * (variable - slow_p))
            variable.assign(slow_p)

        def no_sync():
            pass

        tf.cond(step % self.k == 0, sync, no_sync)


model = keras.Sequential(
    [keras.Input((8,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(3, activation="softmax")]
)
model.compile(optimizer=Ranger(learning_rate=1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
rng = np.random.RandomState(0)
before = [w.copy() for w in model.get_weights()]
model.fit(rng.rand(32, 8).astype("float32"), rng.randint(0, 3, size=32), batch_size=8, epochs=2, verbose=0)
if all(np.allclose(b, a) for b, a in zip(before, model.get_weights())):
    print("TFVARFIX-BUG: the optimizer did not update the weights")
print(model.evaluate(rng.rand(8, 8).astype("float32"), rng.randint(0, 3, size=8), verbose=0))
