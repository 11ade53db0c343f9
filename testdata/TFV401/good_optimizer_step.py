# Near misses of bad_optimizer_step.py: each program optimizer makes its variables once (in `build`, or lazily
# under a guard), works on tensors in `update_step`, or runs where nothing is traced (`run_eagerly=True`,
# `evaluate`/`predict` only, an eager training loop). Each trains under Keras 3.15 (measured).
import keras
import numpy as np
import tensorflow as tf


class TensorCopy(keras.optimizers.Optimizer):
    """The fixed Ranger's shape: the fp32 copy is a tensor; the slow weights are variables made once in build."""

    def __init__(self, learning_rate=0.01, name="tensor_copy", **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self.slow = []
        for var in var_list:
            self.slow.append(tf.Variable(var))
            self._track_variable(self.slow[-1])

    def update_step(self, gradient, variable, learning_rate):
        fp32 = tf.cast(tf.convert_to_tensor(variable), "float32")
        fp32 -= tf.cast(learning_rate, "float32") * tf.cast(gradient, "float32")
        variable.assign(tf.cast(fp32, variable.dtype))
        slow = self.slow[self._get_variable_index(variable)]
        slow.assign(0.5 * (slow + variable))


class LazySlots(keras.optimizers.Optimizer):
    """Slots made in build with add_variable, lazily under a guard."""

    def __init__(self, learning_rate=0.01, name="lazy_slots", **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self._slots = None

    def build(self, var_list):
        super().build(var_list)
        if self._slots is None:
            self._slots = [self.add_variable(shape=v.shape, dtype=v.dtype, name="slot") for v in var_list]

    def update_step(self, gradient, variable, learning_rate):
        slot = self._slots[self._get_variable_index(variable)]
        slot.assign(0.9 * slot + gradient)
        variable.assign_sub(tf.cast(learning_rate, variable.dtype) * slot)


class LazyScale(keras.optimizers.Optimizer):
    """A variable update_step makes on its first call only: once, on the first trace (TF allows it)."""

    def __init__(self, learning_rate=0.01, name="lazy_scale", **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self._scale = None

    def update_step(self, gradient, variable, learning_rate):
        if self._scale is None:
            self._scale = tf.Variable(1.0)
        variable.assign_sub(tf.cast(learning_rate, variable.dtype) * self._scale * gradient)


class Fp32Copy(keras.optimizers.Optimizer):
    """bad_optimizer_step.py's optimizer, run only where nothing traces its update_step."""

    def __init__(self, learning_rate=0.01, name="fp32_copy", **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)

    def update_step(self, gradient, variable, learning_rate):
        fp32 = tf.Variable(tf.cast(variable, "float32"))
        fp32.assign_sub(tf.cast(learning_rate, "float32") * tf.cast(gradient, "float32"))
        variable.assign(tf.cast(fp32, variable.dtype))


def data():
    rng = np.random.RandomState(0)
    return rng.rand(8, 4).astype("float32"), rng.rand(8, 2).astype("float32")


def fit_with(optimizer):
    net = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
    net.compile(optimizer=optimizer, loss="mse")
    x, y = data()
    return net.fit(x, y, epochs=2, verbose=0).history["loss"]


def case_tensor_copy():
    return fit_with(TensorCopy())


def case_lazy_slots():
    return fit_with(LazySlots())


def case_lazy_scale():
    return fit_with(LazyScale())


def case_run_eagerly():
    net = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
    net.compile(optimizer=Fp32Copy(), loss="mse", run_eagerly=True)
    x, y = data()
    return net.fit(x, y, epochs=2, verbose=0).history["loss"]


def case_evaluate_only():
    net = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
    net.compile(optimizer=Fp32Copy(), loss="mse")
    x, y = data()
    return [float(net.evaluate(x, y, verbose=0)), net.predict(x, verbose=0).shape[0]]


def case_eager_loop():
    net = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
    optimizer = Fp32Copy()
    x, y = data()
    losses = []
    for _ in range(2):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(net(x) - y))
        grads = tape.gradient(loss, net.trainable_variables)
        optimizer.apply_gradients(zip(grads, net.trainable_variables))
        losses.append(float(loss))
    return losses


def case_run_eagerly_attribute():
    net = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
    net.compile(optimizer=Fp32Copy(), loss="mse")
    net.run_eagerly = True
    x, y = data()
    return net.fit(x, y, epochs=2, verbose=0).history["loss"]
