"""Two named `tf.layers.dense` layers are built on each of ten time steps, each inside `variable_scope('InnerLoop_' + str(i) + '/', reuse=tf.AUTO_REUSE)`: the op names get `_1`, `_2`... suffixes (what the report asks about), but the variables are made once per inner index and shared by every step, so the graph builds with four variables.

Source: https://github.com/tensorflow/tensorflow/issues/24785
Shape: loop, nested-loop, tf1-graph, auto-reuse
Target: tf1
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.layers needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

input = tf.placeholder(tf.float32, [None, 100], name="input")
outputs = []
for t in range(0, 10):
    for i in range(0, 2):
        with tf.variable_scope("InnerLoop_" + str(i) + "/", reuse=tf.AUTO_REUSE):
            h = tf.layers.dense(input, 100, name="myDense")
            outputs.append(h)
names = [v.name for v in tf.global_variables()]
print(names)
assert len(names) == 4, names
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(outputs[-1], {input: np.ones((1, 100), np.float32)}).shape)
