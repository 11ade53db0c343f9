"""A conditional adversarial autoencoder class builds its graph in `__init__`: the discriminators run on the encoder's code and on the prior, the second time with `reuse_variables=True`, which calls `tf.get_variable_scope().reuse_variables()` on the root scope and leaves it on; `train()` later makes an `AdamOptimizer(...).minimize(...)` for the encoder and generator, whose slot `E_conv0/w/Adam` cannot be created under reuse.

Source: https://github.com/ZZUTK/Face-Aging-CAAE/issues/4
Shape: class, method, parameter, conditional, loop, helper, comprehension, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable E_conv0/w/Adam/ does not exist
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.layers needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def conv2d(input_map, num_output_channels, size_kernel=3, stride=2, name="conv2d"):
    with tf.variable_scope(name):
        in_channels = input_map.get_shape().as_list()[-1]
        kernel = tf.get_variable("w", [size_kernel, size_kernel, in_channels, num_output_channels])
        biases = tf.get_variable("b", [num_output_channels], initializer=tf.zeros_initializer())
        conv = tf.nn.conv2d(input_map, kernel, strides=[1, stride, stride, 1], padding="SAME")
        return tf.nn.bias_add(conv, biases)


def fc(input_vector, num_output_length, name="fc"):
    with tf.variable_scope(name):
        stddev = 1.0 / np.sqrt(input_vector.get_shape().as_list()[-1])
        w = tf.get_variable("w", [input_vector.get_shape()[-1], num_output_length],
                            initializer=tf.random_normal_initializer(stddev=stddev))
        b = tf.get_variable("b", [num_output_length], initializer=tf.zeros_initializer())
        return tf.matmul(input_vector, w) + b


class FaceAging:
    def __init__(self, session, size_image=8, size_batch=4, num_z_channels=6, is_training=True):
        self.session = session
        self.size_image = size_image
        self.size_batch = size_batch
        self.num_z_channels = num_z_channels
        self.is_training = is_training
        self.input_image = tf.placeholder(tf.float32, [size_batch, size_image, size_image, 3], name="input_images")
        self.z_prior = tf.placeholder(tf.float32, [size_batch, num_z_channels], name="z_prior")

        self.z = self.encoder(image=self.input_image)
        self.G = self.generator(z=self.z)
        self.D_z, self.D_z_logits = self.discriminator_z(z=self.z, is_training=self.is_training)
        self.D_z_prior, self.D_z_prior_logits = self.discriminator_z(
            z=self.z_prior, is_training=self.is_training, reuse_variables=True
        )

        self.EG_loss = tf.reduce_mean(tf.abs(self.input_image - self.G))
        self.D_z_loss_prior = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(
            logits=self.D_z_prior_logits, labels=tf.ones_like(self.D_z_prior_logits)))
        self.D_z_loss_z = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(
            logits=self.D_z_logits, labels=tf.zeros_like(self.D_z_logits)))

        trainable_variables = tf.trainable_variables()
        self.E_variables = [var for var in trainable_variables if "E_" in var.name]
        self.G_variables = [var for var in trainable_variables if "G_" in var.name]
        self.D_z_variables = [var for var in trainable_variables if "D_z_" in var.name]

    def encoder(self, image, reuse_variables=False):
        if reuse_variables:
            tf.get_variable_scope().reuse_variables()
        current = image
        for i in range(2):
            current = tf.nn.relu(conv2d(input_map=current, num_output_channels=4 * (2 ** i), name="E_conv" + str(i)))
        current = fc(input_vector=tf.reshape(current, [self.size_batch, -1]),
                     num_output_length=self.num_z_channels, name="E_fc")
        return tf.nn.tanh(current)

    def generator(self, z, reuse_variables=False):
        if reuse_variables:
            tf.get_variable_scope().reuse_variables()
        current = fc(input_vector=z, num_output_length=self.size_image * self.size_image * 3, name="G_fc")
        return tf.nn.tanh(tf.reshape(current, [-1, self.size_image, self.size_image, 3]))

    def discriminator_z(self, z, is_training=True, reuse_variables=False, num_hidden_layer_channels=(8, 4)):
        if reuse_variables:
            tf.get_variable_scope().reuse_variables()
        current = z
        for i in range(len(num_hidden_layer_channels)):
            current = fc(input_vector=current, num_output_length=num_hidden_layer_channels[i], name="D_z_fc" + str(i))
            current = tf.layers.batch_normalization(
                current, scale=False, training=is_training, name="D_z_bn" + str(i), reuse=reuse_variables
            )
            current = tf.nn.relu(current)
        current = fc(input_vector=current, num_output_length=1, name="D_z_fc" + str(i + 1))
        return tf.nn.sigmoid(current), current

    def train(self, num_epochs=1, learning_rate=0.0002, beta1=0.5):
        self.loss_EG = self.EG_loss
        self.loss_Dz = self.D_z_loss_prior + self.D_z_loss_z
        self.EG_global_step = tf.Variable(0, trainable=False, name="global_step")
        self.EG_optimizer = tf.train.AdamOptimizer(learning_rate=learning_rate, beta1=beta1).minimize(  # expect: TFV304
            loss=self.loss_EG, global_step=self.EG_global_step, var_list=self.E_variables + self.G_variables
        )
        self.D_z_optimizer = tf.train.AdamOptimizer(learning_rate=learning_rate, beta1=beta1).minimize(
            loss=self.loss_Dz, var_list=self.D_z_variables
        )
        tf.global_variables_initializer().run()
        for epoch in range(num_epochs):
            images = np.random.rand(self.size_batch, self.size_image, self.size_image, 3)
            prior = np.random.uniform(-1, 1, (self.size_batch, self.num_z_channels))
            _, loss = self.session.run([self.EG_optimizer, self.EG_loss],
                                       feed_dict={self.input_image: images, self.z_prior: prior})
            print(epoch, loss)


with tf.Session() as session:
    model = FaceAging(session)
    model.train(num_epochs=1)
