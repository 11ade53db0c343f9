"""A conv helper always creates `weights` and `biases` with get_variable, and the model calls it twice, each time inside its own `variable_scope` (`conv1`, `conv2`).

Source: https://github.com/AndersonJo/machine-learning
Shape: helper, tf1-graph
Target: tf1
Runtime: runs
"""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

input_images = tf.placeholder("float", [None, 8, 8, 2])


def conv_relu(input_layer, kernel_shape, bias_shape):
    weights = tf.get_variable("weights", kernel_shape, initializer=tf.random_normal_initializer())
    biases = tf.get_variable("biases", bias_shape, initializer=tf.constant_initializer(0.0))
    conv = tf.nn.conv2d(input_layer, weights, strides=[1, 1, 1, 1], padding="SAME")
    return tf.nn.relu(conv + biases)


def create_model(input_layer):
    with tf.variable_scope("conv1"):
        relu1 = conv_relu(input_layer, [3, 3, 2, 2], [2])
    with tf.variable_scope("conv2"):
        relu2 = conv_relu(relu1, [3, 3, 2, 2], [2])
    return relu2


model = create_model(input_images)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(model.op.name, sess.run(model, {input_images: np.ones((1, 8, 8, 2))}).shape)
print(sorted(v.name for v in tf.global_variables()))
