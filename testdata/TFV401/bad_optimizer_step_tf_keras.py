# bad_optimizer_step.py under tf_keras 2.21: `fit`'s train step calls `minimize` -> `apply_gradients` -> `build`
# (in `init_scope`, eagerly) -> `_update_step` -> `update_step(gradient, variable)`, traced: a variable made
# there is refused on the retrace, as in a custom loop's `@tf.function`.
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import numpy as np
import tensorflow as tf
import tf_keras as keras


class Fp32Copy(keras.optimizers.Optimizer):
    def __init__(self, learning_rate=0.01, name="fp32_copy", **kwargs):
        super().__init__(name=name, **kwargs)
        self._learning_rate = self._build_learning_rate(learning_rate)

    def update_step(self, gradient, variable):
        fp32 = tf.Variable(tf.cast(variable, "float32"))  # expect: TFV401
        fp32.assign_sub(0.01 * tf.cast(gradient, "float32"))
        variable.assign(tf.cast(fp32, variable.dtype))


class TensorCopy(keras.optimizers.Optimizer):
    def __init__(self, learning_rate=0.01, name="tensor_copy", **kwargs):
        super().__init__(name=name, **kwargs)
        self._learning_rate = self._build_learning_rate(learning_rate)

    def update_step(self, gradient, variable):
        fp32 = tf.cast(tf.convert_to_tensor(variable), "float32") - 0.01 * tf.cast(gradient, "float32")
        variable.assign(tf.cast(fp32, variable.dtype))


def fit_with(optimizer):
    net = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
    net.compile(optimizer=optimizer, loss="mse")
    rng = np.random.RandomState(0)
    x, y = rng.rand(8, 4).astype("float32"), rng.rand(8, 2).astype("float32")
    return net.fit(x, y, epochs=2, verbose=0).history["loss"]


def case_fit():
    return fit_with(Fp32Copy())


def case_tensor_copy():
    return fit_with(TensorCopy())
