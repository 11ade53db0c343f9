"""A TF1 model wants to use the kernel of the `tf.layers.dense` it just built (to share it with a second op), and fetches it with `tf.get_variable("kernel", ...)` in the same scope under `AUTO_REUSE`: the dense kernel lives at `scope/dense/kernel`, so get_variable silently makes a new, unrelated `scope/kernel`.

Source: https://github.com/tensorflow/tensorflow/issues/8504
Shape: helper, tf1-graph
Target: tf1
Runtime: silent: the fetched "kernel" is a new variable scope/kernel, not the dense layer's scope/dense/kernel
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.layers needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def fc_with_shared_weight(x, units, scope):
    with tf.variable_scope(scope, reuse=tf.AUTO_REUSE):
        y = tf.layers.dense(x, units=units)
        w = tf.get_variable("kernel", shape=[int(x.shape[-1]), units])  # expect: TFV101
    return y, w


x = tf.constant(np.random.randn(3, 5), dtype=tf.float32)
y, w = fc_with_shared_weight(x, 2, "new_scope")
names = [v.name for v in tf.trainable_variables()]

# --- probe ---
print("TFVARFIX-BUG" if w.name == "new_scope/kernel:0" and "new_scope/dense/kernel:0" in names else "TFVARFIX-OK")
