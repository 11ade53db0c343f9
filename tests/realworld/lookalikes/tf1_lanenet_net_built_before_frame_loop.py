"""The lane-detection demo as the maintainer fixed it: the network is built once, before the frame loop, and each frame only runs it.

Source: https://github.com/MaybeShewill-CV/lanenet-lane-detection/issues/1
Shape: class, helper, loop, tf1-graph
Target: tf1
Runtime: runs
"""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class CNNBaseModel:
    def conv2d(self, inputdata, out_channel, kernel_size, name):
        with tf.variable_scope(name):
            in_channel = inputdata.get_shape().as_list()[3]
            filter_shape = [kernel_size, kernel_size, in_channel, out_channel]
            w = tf.get_variable("W", filter_shape, initializer=tf.glorot_uniform_initializer())
            return tf.nn.conv2d(inputdata, w, [1, 1, 1, 1], "SAME")


class VGG16Encoder(CNNBaseModel):
    def _conv_stage(self, input_tensor, out_dims, name):
        with tf.variable_scope(name):
            conv = self.conv2d(input_tensor, out_dims, 3, name="conv")
            return tf.nn.relu(conv)

    def encode(self, input_tensor, name):
        with tf.variable_scope(name):
            conv1_1 = self._conv_stage(input_tensor, 4, name="conv1_1")
            return self._conv_stage(conv1_1, 4, name="conv1_2")


class LaneNet:
    def __init__(self):
        self._encoder = VGG16Encoder()

    def inference(self, input_tensor, name):
        with tf.variable_scope(name):
            with tf.variable_scope("inference"):
                return self._encoder.encode(input_tensor, name="encode")


input_tensor = tf.placeholder(tf.float32, [1, 8, 8, 3], name="input_tensor")
net = LaneNet()
binary_seg = net.inference(input_tensor, name="lanenet_model")
frames = [np.random.rand(1, 8, 8, 3).astype("float32") for _ in range(3)]
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for frame in frames:
        print(sess.run(binary_seg, {input_tensor: frame}).shape)
