"""A lane-detection video demo builds its network inside the frame loop, so the second frame's `conv2d` helper asks `get_variable("W")` again in `lanenet_model/inference/encode/conv1_1/conv`.

Source: https://github.com/MaybeShewill-CV/lanenet-lane-detection/issues/1
Shape: class, helper, loop, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable lanenet_model/inference/encode/conv1_1/conv/W already exists, disallowed
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
frames = [np.random.rand(1, 8, 8, 3).astype("float32") for _ in range(3)]
with tf.Session() as sess:
    for frame in frames:
        binary_seg = net.inference(input_tensor, name="lanenet_model")  # expect: TFV304
        sess.run(tf.global_variables_initializer())
        print(sess.run(binary_seg, {input_tensor: frame}).shape)
