"""The tf.function guide shows that a tf.Variable made on every call, and a second optimizer handed to one traced train step, raise `ValueError: tf.function only supports singleton tf.Variables`: each inside `with assert_raises(ValueError):`, its own `@contextlib.contextmanager` that catches the error around `yield` and prints it. The failures are expected there, not bugs.

Source: https://github.com/tensorflow/docs/blob/master/site/en/guide/function.ipynb
Shape: notebook-like, context-manager, tf-function
Target: keras3
Runtime: runs
"""

import contextlib
import traceback

import tensorflow as tf


@contextlib.contextmanager
def assert_raises(error_class):
    try:
        yield
    except error_class as e:
        print("Caught expected exception \n  {}:".format(error_class))
        traceback.print_exc(limit=2)
    except Exception as e:
        raise e
    else:
        raise Exception("Expected {} to be raised but no error was raised!".format(error_class))


@tf.function
def f(x):
    v = tf.Variable(1.0)
    return v


with assert_raises(ValueError):
    f(1.0)

opt1 = tf.keras.optimizers.Adam(learning_rate=1e-2)
opt2 = tf.keras.optimizers.Adam(learning_rate=1e-3)


@tf.function
def train_step(w, x, y, optimizer):
    with tf.GradientTape() as tape:
        L = tf.reduce_sum(tf.square(w * x - y))
    gradients = tape.gradient(L, [w])
    optimizer.apply_gradients(zip(gradients, [w]))


w = tf.Variable(2.0)
x = tf.constant([-1.0])
y = tf.constant([2.0])

train_step(w, x, y, opt1)
print("Calling `train_step` with different optimizer...")
with assert_raises(ValueError):
    train_step(w, x, y, opt2)
