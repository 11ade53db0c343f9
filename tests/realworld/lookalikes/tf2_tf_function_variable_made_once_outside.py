"""The fix from the tf.function guide for a per-call weight: the variable is made once outside the function and the `tf.function` only assigns the new value to it and reads it, so calling it with other values makes no new state.

Source: https://github.com/tensorflow/tensorflow/issues/39864
Shape: tf-function, helper, parameter, loop
Target: keras3
Runtime: runs
"""

import tensorflow as tf

v = tf.Variable(0.0)


@tf.function
def make_scaled(val):
    v.assign(val)
    return v * 2.0


results = [float(make_scaled(value)) for value in (0.3, 0.9)]
assert abs(results[1] - 1.8) < 1e-6
