"""A caffe-to-TensorFlow network builds its layers with `get_variable('weights')` under each layer's scope; the notebook's `clasificar()` builds the network again for every batch of images.

Source: https://github.com/ethereon/caffe-tensorflow/issues/62
Shape: class, class-attribute, helper, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable conv1_1/weights already exists, disallowed
"""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class Network:
    def __init__(self, inputs, trainable=False):
        self.inputs = inputs
        self.trainable = trainable
        self.setup()

    def make_var(self, name, shape):
        return tf.get_variable(name, shape, trainable=self.trainable)

    def conv(self, x, k, c_o, name):
        c_i = int(x.get_shape()[-1])
        with tf.variable_scope(name):
            kernel = self.make_var("weights", shape=[k, k, c_i, c_o])
            biases = self.make_var("biases", [c_o])
            return tf.nn.relu(tf.nn.conv2d(x, kernel, [1, 1, 1, 1], padding="SAME") + biases)


class MyNet(Network):
    def setup(self):
        x = self.conv(self.inputs, 3, 4, name="conv1_1")
        x = self.conv(x, 3, 4, name="conv1_2")
        self.output = tf.reduce_mean(x, axis=[1, 2])


def clasificar(model_path, images):
    images_ph = tf.placeholder(tf.float32, [None, 8, 8, 3])
    net = MyNet(images_ph)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(net.output, feed_dict={images_ph: np.stack(images)})


img1, img2, img3 = (np.random.rand(8, 8, 3).astype("float32") for _ in range(3))
print(clasificar("./models/mynet.npy", [img1, img2, img3]).shape)
print(clasificar("./models/mynet.npy", [img1, img2, img3]).shape)  # expect: TFV304
