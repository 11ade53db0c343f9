# An optimizer made inside a tf.function makes its slots and step counter on every call: TF refuses it.
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf_keras: its optimizers have `minimize`

import tensorflow as tf  # noqa: E402


optimizer = tf.keras.optimizers.SGD(0.1)


adam = tf.keras.optimizers.Adam(0.5)


weights = tf.Variable([1.0, 2.0, 3.0])


def loss():
    return tf.reduce_sum(tf.square(weights))


@tf.function
def train_step():
    with tf.GradientTape() as tape:
        value = loss()
    grads, _ = tf.clip_by_global_norm(tape.gradient(value, [weights]), 5.0)
    optimizer.apply_gradients(zip(grads, [weights]))
    return value


@tf.function
def minimize_step():
    adam.minimize(loss, var_list=[weights])  # expect: TFV401


def case_train_steps():
    return [float(train_step()) for _ in range(3)]


def case_minimize_steps():
    for _ in range(2):
        minimize_step()
    return weights.numpy().tolist()
