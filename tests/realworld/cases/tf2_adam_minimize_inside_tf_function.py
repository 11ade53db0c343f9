"""`Adam(...).minimize(...)` written inside a `@tf.function`: the optimizer (and its step counter) is made on every trace.

Source: https://github.com/tensorflow/tensorflow/issues/42183
Shape: module, tf-function
Target: tf_keras
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import tensorflow as tf  # noqa: E402

probs = tf.Variable([1.0, 2.0, 3.0], name="probs")


def neg_log_likelihood():
    return -tf.reduce_mean(tf.reduce_sum(tf.math.log(probs), axis=0))


@tf.function
def run():
    tf.keras.optimizers.Adam(0.5).minimize(neg_log_likelihood, var_list=[probs])  # expect: TFV401


run()
print(probs.numpy())
