"""A test of a model-wrapping class calls `forecast()` twice; each call builds the model again into the one default
graph, so the second finds `weight_def/weights` already there (the reporter first silenced it with try/except and
`reuse_variables`, which then broke the restore).

Source: https://codedump.io/share/QlFWUl01UeV3/1/how-does-tensorflow-manage-graphs
Shape: two-module, class, method, helper, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable weight_def/weights already exists, disallowed
"""

import os
import tempfile

import numpy as np
import tensorflow.compat.v1 as tf

from model_user import MyModelUser, build_model

tf.disable_v2_behavior()


def train_and_save(path):
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, 4])
        y = tf.placeholder(tf.float32, [None, 1])
        predict = build_model(x, 4, 1)
        loss = tf.reduce_mean(tf.square(predict - y))
        step = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for _ in range(3):
                sess.run(step, {x: np.random.rand(8, 4), y: np.random.rand(8, 1)})
            tf.train.Saver().save(sess, path)


def test_the_model(checkpoint):
    model_user = MyModelUser(checkpoint)
    print(model_user.forecast())  # 1
    print(model_user.forecast())  # 2  # expect: TFV304


checkpoint = os.path.join(tempfile.mkdtemp(), "model.ckpt")
train_and_save(checkpoint)
test_the_model(checkpoint)
