"""A CAM helper asks get_variable for 'kernel' to reuse the dense layer's weights; it gets a new, detached variable.

Source: https://github.com/taki0112/UGATIT/issues/53
Shape: helper, tf1-graph, parameter
Target: tf1
Runtime: silent: w is a second variable 'scope/kernel', not the dense layer's 'scope/dense/kernel'
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def fully_connected_with_w(x, use_bias=True, scope="linear"):
    with tf.variable_scope(scope, reuse=tf.AUTO_REUSE):
        x = tf.layers.flatten(x)
        channels = x.get_shape().as_list()[-1]
        x = tf.layers.dense(x, units=1, use_bias=use_bias)
        w = tf.get_variable("kernel", shape=[channels, 1])  # expect: TFV101
        return x, w


features = tf.placeholder(tf.float32, [None, 2, 2, 3])
logit, cam_weight = fully_connected_with_w(features, scope="cam_fc")
cam = features * tf.reshape(cam_weight, [1, 1, 1, -1])[..., :3]

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(cam, {features: np.zeros((1, 2, 2, 3), "float32")})
    names = [v.name for v in tf.trainable_variables()]
print(names)

# --- probe ---
print("TFVARFIX-BUG" if cam_weight.name == "cam_fc/kernel:0" and "cam_fc/dense/kernel:0" in names else "TFVARFIX-OK")
