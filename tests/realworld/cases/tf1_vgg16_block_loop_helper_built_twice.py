"""A VGG-16 builder names its convolutions in nested loops (`conv1/conv1_1`...) and makes each one's `weights` and `biases` with `get_variable` in a small helper; the script calls the builder once for the image and again for a second view of it, in the same default graph and scope, so the second call asks for `vgg_16/conv1/conv1_1/weights` again and TF1 refuses.

Source: https://github.com/tensorflow/tensorflow/issues/11333
Shape: helper, nested-helper, loop, f-string-name, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable vgg_16/conv1/conv1_1/weights already exists, disallowed
"""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()

VGG_BLOCKS = [(2, 4), (2, 8), (3, 8)]


def conv_relu(net, filters, name):
    with tf.variable_scope(name):
        in_channels = net.get_shape().as_list()[-1]
        w = tf.get_variable("weights", [3, 3, in_channels, filters])
        b = tf.get_variable("biases", [filters], initializer=tf.zeros_initializer())
        return tf.nn.relu(tf.nn.conv2d(net, w, [1, 1, 1, 1], "SAME") + b)


def vgg_16(inputs, scope="vgg_16"):
    with tf.variable_scope(scope):
        net = inputs
        for block, (repeats, filters) in enumerate(VGG_BLOCKS, start=1):
            with tf.variable_scope(f"conv{block}"):
                for i in range(1, repeats + 1):
                    net = conv_relu(net, filters, f"conv{block}_{i}")
            net = tf.nn.max_pool2d(net, 2, 2, "SAME")
        return tf.reduce_mean(net, axis=[1, 2])


images = tf.placeholder(tf.float32, [None, 16, 16, 3])
features = vgg_16(images)
flipped_features = vgg_16(tf.image.flip_left_right(images))  # expect: TFV304
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run([features, flipped_features], {images: np.zeros((1, 16, 16, 3))})[0].shape)
