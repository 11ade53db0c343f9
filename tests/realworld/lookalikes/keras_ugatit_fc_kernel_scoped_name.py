"""The fix proposed in UGATIT#53: ask the AUTO_REUSE scope for 'dense/kernel', which returns the dense layer's own kernel.

Source: https://github.com/taki0112/UGATIT/issues/53
Shape: helper, tf1-graph, parameter
Target: tf1
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def fully_connected_with_w(x, use_bias=True, scope="linear"):
    with tf.variable_scope(scope, reuse=tf.AUTO_REUSE):
        x = tf.layers.flatten(x)
        channels = x.get_shape().as_list()[-1]
        x = tf.layers.dense(x, units=1, use_bias=use_bias)
        w = tf.get_variable("dense/kernel", shape=[channels, 1])
        return x, w


features = tf.placeholder(tf.float32, [None, 2, 2, 3])
logit, cam_weight = fully_connected_with_w(features, scope="cam_fc")
names = [v.name for v in tf.trainable_variables()]

# --- probe ---
print("TFVARFIX-OK" if cam_weight.name == "cam_fc/dense/kernel:0" and len(names) == 2 else "TFVARFIX-BUG")
