"""A helper decorated with `tf.function` makes a fresh `tf.Variable` from the value it is given (one weight per call was intended); the second call with another Python value retraces the function and tries to create a variable again.

Source: https://github.com/tensorflow/tensorflow/issues/39864
Shape: tf-function, helper, parameter, loop
Target: keras3
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import tensorflow as tf


@tf.function
def make_scaled(val):
    v = tf.Variable(val)  # expect: TFV401
    return v * 2.0


results = []
for value in (0.3, 0.9):
    results.append(make_scaled(value))
