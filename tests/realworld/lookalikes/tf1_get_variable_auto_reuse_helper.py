"""A helper that creates `foo/v` with get_variable is called twice, and its scope says `reuse=tf.AUTO_REUSE`, so the second call returns the first variable.

Source: https://www.tensorflow.org/api_docs/python/tf/compat/v1/get_variable
Shape: helper, tf1-graph
Target: tf1
Runtime: runs
"""

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def foo():
    with tf.variable_scope("foo", reuse=tf.AUTO_REUSE):
        v = tf.get_variable("v", [1])
    return v


v1 = foo()  # Creates v.
v2 = foo()  # Gets the same, existing v.
assert v1 is v2
print(v1.name, len(tf.global_variables()))

# --- probe ---
print("TFVARFIX-OK" if v1 is v2 and len(tf.global_variables()) == 1 else "TFVARFIX-BUG")
