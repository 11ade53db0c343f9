"""A DIGITS-style multi-GPU trainer adds one tower per device in a loop; each tower object builds the GAN generator, whose `conv2d` helper calls `get_variable("w")` inside `variable_scope(name)`, and no tower after the first turns on reuse, so the second tower makes `generator/g_conv1/w` again.

Source: https://github.com/NVIDIA/DIGITS/pull/1739
Shape: class, loop, helper, towers, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable generator/g_conv1/w already exists, disallowed
"""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def conv2d(input_, output_dim, k_h=3, k_w=3, stddev=0.02, name="conv2d"):
    with tf.variable_scope(name):
        w = tf.get_variable("w", [k_h, k_w, input_.get_shape()[-1], output_dim],
                            initializer=tf.truncated_normal_initializer(stddev=stddev))
        conv = tf.nn.conv2d(input_, w, strides=[1, 1, 1, 1], padding="SAME")
        biases = tf.get_variable("biases", [output_dim], initializer=tf.constant_initializer(0.0))
        return tf.nn.bias_add(conv, biases)


class UserModel(object):
    def __init__(self, x, y, input_shape, nclasses, is_training, is_inference):
        self.x = x
        self.y = y
        self.build_model()

    def build_model(self):
        self.G = self.generator(self.x)
        self.loss = tf.reduce_mean(tf.square(self.G - self.y))

    def generator(self, x):
        with tf.variable_scope("generator"):
            h0 = tf.nn.relu(conv2d(x, 4, name="g_conv1"))
            return conv2d(h0, 1, name="g_conv2")


class Model(object):
    def __init__(self, n_gpus):
        self.n_gpus = n_gpus
        self.towers = []

    def create_model(self, obj_tower, batch_x, batch_y):
        batch_x_split = tf.split(batch_x, self.n_gpus)
        batch_y_split = tf.split(batch_y, self.n_gpus)
        for dev_i in range(self.n_gpus):
            with tf.name_scope("tower_%d" % dev_i):
                tower = self.add_tower(obj_tower, batch_x_split[dev_i], batch_y_split[dev_i])  # expect: TFV304
                self.towers.append(tower)
        return tf.add_n([t.loss for t in self.towers])

    def add_tower(self, obj_tower, x, y):
        return obj_tower(x, y, [8, 8, 1], 1, True, False)


batch_x = tf.placeholder(tf.float32, [4, 8, 8, 1])
batch_y = tf.placeholder(tf.float32, [4, 8, 8, 1])
train_model = Model(n_gpus=2)
loss = train_model.create_model(UserModel, batch_x, batch_y)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(loss, {batch_x: np.zeros((4, 8, 8, 1)), batch_y: np.zeros((4, 8, 8, 1))}))
