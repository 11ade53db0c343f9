"""An optical-flow model's `test()` method builds the feature pyramid (shared between the two frames with `reuse=True` inside the call) and restores the checkpoint; a script runs `model.test(...)` in a loop over image pairs, so the second pass builds `feature_extractor/conv1_1/weights` again in the same default graph.

Source: https://github.com/ppliuboy/SelFlow/issues/16
Shape: class, method, loop, parameter, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable feature_extractor/conv1_1/weights already exists, disallowed
"""

import os
import tempfile

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def conv2d(x, out_channels, stride, scope):
    with tf.variable_scope(scope):
        in_channels = x.get_shape().as_list()[-1]
        weights = tf.get_variable("weights", [3, 3, in_channels, out_channels])
        biases = tf.get_variable("biases", [out_channels], initializer=tf.zeros_initializer())
        return tf.nn.leaky_relu(tf.nn.conv2d(x, weights, [1, stride, stride, 1], "SAME") + biases)


def feature_extractor(x, reuse=None):
    with tf.variable_scope("feature_extractor", reuse=reuse):
        net = {}
        net["conv1_1"] = conv2d(x, 4, stride=2, scope="conv1_1")
        net["conv1_2"] = conv2d(net["conv1_1"], 4, stride=1, scope="conv1_2")
        net["conv2_1"] = conv2d(net["conv1_2"], 8, stride=2, scope="conv2_1")
        return net


class SelFlowModel(object):
    def __init__(self, restore_model):
        self.restore_model = restore_model

    def test(self, img1, img2):
        batch_img1 = tf.placeholder(tf.float32, [1, 16, 16, 3])
        batch_img2 = tf.placeholder(tf.float32, [1, 16, 16, 3])
        feature1 = feature_extractor(batch_img1, reuse=None)
        feature2 = feature_extractor(batch_img2, reuse=True)
        flow = tf.reduce_mean(feature1["conv2_1"] - feature2["conv2_1"], axis=-1)
        saver = tf.train.Saver(var_list=tf.global_variables())
        with tf.Session() as sess:
            saver.restore(sess, self.restore_model)
            return sess.run(flow, {batch_img1: img1, batch_img2: img2})


def save_initial_checkpoint(path):
    with tf.Graph().as_default():
        feature_extractor(tf.placeholder(tf.float32, [1, 16, 16, 3]))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            tf.train.Saver().save(sess, path)


restore_model = os.path.join(tempfile.mkdtemp(), "model.ckpt")
save_initial_checkpoint(restore_model)
model = SelFlowModel(restore_model)
frames = [np.random.rand(1, 16, 16, 3) for _ in range(3)]
for img1, img2 in zip(frames[:-1], frames[1:]):  # noqa: RUF007
    flow = model.test(img1, img2)  # expect: TFV304
    print(flow.shape)
