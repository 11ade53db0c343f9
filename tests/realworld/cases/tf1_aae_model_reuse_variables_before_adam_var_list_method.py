"""An adversarial autoencoder's `Model.set_model` turns sharing on with `tf.get_variable_scope().reuse_variables()` before its discriminator's second call; sharing stays on, so the three AdamOptimizers built afterwards from each part's `get_variables()` cannot create their slots.

Source: https://github.com/takat0m0/AAE/issues/3
Shape: class, method, helper, loop, attribute, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable encoder/weights0/Adam/ does not exist
"""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def get_weights(name, shape, stddev):
    return tf.get_variable("weights{}".format(name), shape, initializer=tf.random_normal_initializer(stddev=stddev))


def get_biases(name, shape, value):
    return tf.get_variable("biases{}".format(name), shape, initializer=tf.constant_initializer(value))


def linear_layer(x, in_dim, out_dim, l_id):
    weights = get_weights(l_id, [in_dim, out_dim], 1.0 / np.sqrt(float(in_dim)))
    biases = get_biases(l_id, [out_dim], 0.0)
    return tf.matmul(x, weights) + biases


class Part:
    def __init__(self, layer_list, name_scope):
        self.layer_list = layer_list
        self.name_scope = name_scope

    def get_variables(self):
        return [var for var in tf.trainable_variables() if self.name_scope in var.name]

    def set_model(self, h):
        with tf.variable_scope(self.name_scope):
            for i, (in_dim, out_dim) in enumerate(zip(self.layer_list, self.layer_list[1:])):
                h = tf.nn.relu(linear_layer(h, in_dim, out_dim, i))
        return h


class Model:
    def __init__(self, input_dim, z_dim, batch_size):
        self.input_dim = input_dim
        self.z_dim = z_dim
        self.batch_size = batch_size
        self.lr = 0.0001
        self.encoder = Part([input_dim, 8, z_dim], "encoder")
        self.decoder = Part([z_dim, 8, input_dim], "decoder")
        self.discriminator = Part([z_dim, 4, 1], "discriminator")

    def set_model(self):
        self.x = tf.placeholder(tf.float32, [self.batch_size, self.input_dim])
        z = self.encoder.set_model(self.x)
        reconstruct_error = tf.reduce_mean(tf.square(self.decoder.set_model(z) - self.x))
        vae_logits = self.discriminator.set_model(z)
        obj_gen = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=vae_logits, labels=tf.ones_like(vae_logits)))

        tf.get_variable_scope().reuse_variables()

        self.z_input = tf.placeholder(tf.float32, [self.batch_size, self.z_dim])
        disc_logits = self.discriminator.set_model(self.z_input)
        obj_disc = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=disc_logits, labels=tf.ones_like(disc_logits)))

        train_vars = self.encoder.get_variables()
        train_vars.extend(self.decoder.get_variables())
        self.train_vae = tf.train.AdamOptimizer(self.lr).minimize(reconstruct_error, var_list=train_vars)  # expect: TFV304
        self.train_gen = tf.train.AdamOptimizer(self.lr).minimize(obj_gen, var_list=self.encoder.get_variables())
        self.train_disc = tf.train.AdamOptimizer(self.lr).minimize(obj_disc, var_list=self.discriminator.get_variables())


model = Model(6, 2, 4)
model.set_model()
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(model.train_vae, {model.x: np.zeros((4, 6), "float32")}))
