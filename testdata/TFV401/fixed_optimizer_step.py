# NoteDance/optimizers#2: an optimizer of the program's own class runs where Keras runs it. `fit` and
# `train_on_batch` apply the gradients in their traced train step, and a custom loop in its `@tf.function`:
# Keras 3 calls `apply_gradients` -> `apply` -> `build` (once, when unbuilt) -> `update_step` per variable, so a
# variable `update_step` makes is made on every trace and refused (`build` may make its variables: once).
import keras
import numpy as np
import tensorflow as tf


class Fp32Copy(keras.optimizers.Optimizer):
    def __init__(self, learning_rate=0.01, name="fp32_copy", **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._momentums = [self.add_variable_from_reference(v, "momentum") for v in var_list]

    def update_step(self, gradient, variable, learning_rate):
        fp32 = tf.Variable(tf.cast(variable, "float32"))  # expect: TFV401
        fp32.assign_sub(tf.cast(learning_rate, "float32") * tf.cast(gradient, "float32"))
        variable.assign(tf.cast(fp32, variable.dtype))


class Clipped(keras.optimizers.SGD):
    def apply_gradients(self, grads_and_vars):
        scale = tf.constant(0.5)  # expect: TFV401
        return super().apply_gradients([(g * scale, v) for g, v in grads_and_vars])


def model():
    net = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
    return net


def data():
    rng = np.random.RandomState(0)
    return rng.rand(8, 4).astype("float32"), rng.rand(8, 2).astype("float32")


def case_fit():
    net = model()
    net.compile(optimizer=Fp32Copy(), loss="mse")
    x, y = data()
    return net.fit(x, y, epochs=1, verbose=0).history["loss"]


def case_train_on_batch():
    net = model()
    net.compile(optimizer=Fp32Copy(), loss="mse")
    x, y = data()
    return float(net.train_on_batch(x, y))


def case_custom_loop():
    net = model()
    optimizer = Fp32Copy()
    x, y = data()

    @tf.function
    def train_step(a, b):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(net(a) - b))
        grads = tape.gradient(loss, net.trainable_variables)
        optimizer.apply_gradients(zip(grads, net.trainable_variables))
        return loss

    return float(train_step(x, y))


def case_override():
    net = model()
    net.compile(optimizer=Clipped(0.1), loss="mse")
    x, y = data()
    return net.fit(x, y, epochs=1, verbose=0).history["loss"]
