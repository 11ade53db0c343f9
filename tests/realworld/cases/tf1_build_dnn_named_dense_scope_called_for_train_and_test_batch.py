"""A `build_dnn(input)` helper makes its fixed-architecture network with a hard-coded layer name (`name="DNN"`, `reuse=None`); it is called once for the training batch and again for the test batch, and the second call asks for `DNN/kernel` again.

Source: https://github.com/tensorflow/tensorflow/issues/10705
Shape: helper, two-calls, parameter, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable DNN/kernel already exists, disallowed
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.layers needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

n_features, n_outputs = 6, 3


def build_dnn(input):
    output = tf.layers.dense(inputs=input, units=n_outputs, reuse=None, name="DNN")
    return output


train_x = tf.placeholder(tf.float32, [None, n_features], name="train_x")
test_x = tf.placeholder(tf.float32, [None, n_features], name="test_x")

train_out = build_dnn(train_x)
test_out = build_dnn(test_x)  # expect: TFV304

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(test_out, {test_x: np.ones((2, n_features), np.float32)}))
