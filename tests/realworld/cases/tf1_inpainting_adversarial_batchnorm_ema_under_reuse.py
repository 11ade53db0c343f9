"""A context-encoder inpainting script builds its discriminator twice, `build_adversarial(images_hiding, is_train)` then `build_adversarial(reconstruction, is_train, reuse=True)`; the model's `batchnorm` method makes an `ExponentialMovingAverage` and calls `ema.apply([batch_mean, batch_var])`, whose averages for the second call's moments are new variables that the reused `DIS` scope cannot create.

Source: https://github.com/jazzsaxmafia/Inpainting/issues/8
Shape: class, method, parameter, closure, conditional, helper, gan, tf1-graph
Target: tf1
Runtime: raises ValueError: /moments/Squeeze/ExponentialMovingAverage/ does not exist
"""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

batch_size = 4
hiding_size = 8
learning_rate_val = 0.002


class Model:
    def __init__(self):
        pass

    def new_conv_layer(self, bottom, filter_shape, activation=tf.identity, padding="SAME", stride=1, name=None):
        with tf.variable_scope(name):
            w = tf.get_variable("W", shape=filter_shape, initializer=tf.random_normal_initializer(0.0, 0.005))
            b = tf.get_variable("b", shape=filter_shape[-1], initializer=tf.constant_initializer(0.0))
            conv = tf.nn.conv2d(bottom, w, [1, stride, stride, 1], padding=padding)
            bias = activation(tf.nn.bias_add(conv, b))
        return bias

    def new_deconv_layer(self, bottom, filter_shape, output_shape, padding="SAME", stride=1, name=None):
        with tf.variable_scope(name):
            W = tf.get_variable("W", shape=filter_shape, initializer=tf.random_normal_initializer(0.0, 0.005))
            b = tf.get_variable("b", shape=filter_shape[-2], initializer=tf.constant_initializer(0.0))
            deconv = tf.nn.conv2d_transpose(bottom, W, output_shape, [1, stride, stride, 1], padding=padding)
            return tf.nn.bias_add(deconv, b)

    def new_fc_layer(self, bottom, output_size, name):
        shape = bottom.get_shape().as_list()
        dim = int(np.prod(shape[1:]))
        x = tf.reshape(bottom, [-1, dim])
        with tf.variable_scope(name):
            w = tf.get_variable("W", shape=[dim, output_size], initializer=tf.random_normal_initializer(0.0, 0.005))
            b = tf.get_variable("b", shape=[output_size], initializer=tf.constant_initializer(0.0))
            return tf.nn.bias_add(tf.matmul(x, w), b)

    def leaky_relu(self, bottom, leak=0.1):
        return tf.maximum(leak * bottom, bottom)

    def batchnorm(self, bottom, is_train, epsilon=1e-8, name=None):
        bottom = tf.clip_by_value(bottom, -100.0, 100.0)
        depth = bottom.get_shape().as_list()[-1]
        with tf.variable_scope(name):
            gamma = tf.get_variable("gamma", [depth], initializer=tf.constant_initializer(1.0))
            beta = tf.get_variable("beta", [depth], initializer=tf.constant_initializer(0.0))
            batch_mean, batch_var = tf.nn.moments(bottom, [0, 1, 2], name="moments")
            ema = tf.train.ExponentialMovingAverage(decay=0.5)

            def update():
                with tf.control_dependencies([ema_apply_op]):
                    return tf.identity(batch_mean), tf.identity(batch_var)

            ema_apply_op = ema.apply([batch_mean, batch_var])  # expect: TFV304
            ema_mean, ema_var = ema.average(batch_mean), ema.average(batch_var)
            mean, var = tf.cond(is_train, update, lambda: (ema_mean, ema_var))
            normed = tf.nn.batch_norm_with_global_normalization(bottom, mean, var, beta, gamma, epsilon, False)
        return normed

    def build_reconstruction(self, images, is_train):
        batch_size = images.get_shape().as_list()[0]
        with tf.variable_scope("GEN"):
            conv1 = self.new_conv_layer(images, [4, 4, 3, 8], stride=2, name="conv1")
            bn1 = self.leaky_relu(self.batchnorm(conv1, is_train, name="bn1"))
            conv2 = self.new_conv_layer(bn1, [4, 4, 8, 16], stride=2, name="conv2")
            bn2 = self.leaky_relu(self.batchnorm(conv2, is_train, name="bn2"))
            deconv1 = self.new_deconv_layer(bn2, [4, 4, 8, 16], conv1.get_shape().as_list(), stride=1, name="deconv1")
            debn1 = tf.nn.relu(self.batchnorm(deconv1, is_train, name="debn1"))
            recon = self.new_deconv_layer(debn1, [4, 4, 3, 8], [batch_size, hiding_size, hiding_size, 3], stride=1, name="recon")
        return bn1, bn2, debn1, recon, tf.nn.tanh(recon)

    def build_adversarial(self, images, is_train, reuse=None):
        with tf.variable_scope("DIS", reuse=reuse):
            conv1 = self.new_conv_layer(images, [4, 4, 3, 8], stride=2, name="conv1")
            bn1 = self.leaky_relu(self.batchnorm(conv1, is_train, name="bn1"))
            conv2 = self.new_conv_layer(bn1, [4, 4, 8, 16], stride=2, name="conv2")
            bn2 = self.leaky_relu(self.batchnorm(conv2, is_train, name="bn2"))
            output = self.new_fc_layer(bn2, output_size=1, name="output")
        return output[:, 0]


is_train = tf.placeholder(tf.bool)
learning_rate = tf.placeholder(tf.float32, [])
images_tf = tf.placeholder(tf.float32, [batch_size, 16, 16, 3], name="images")
images_hiding = tf.placeholder(tf.float32, [batch_size, hiding_size, hiding_size, 3], name="images_hiding")
labels_D = tf.concat([tf.ones([batch_size]), tf.zeros([batch_size])], 0)

model = Model()
bn1, bn2, debn1, reconstruction_ori, reconstruction = model.build_reconstruction(images_tf, is_train)
adversarial_pos = model.build_adversarial(images_hiding, is_train)
adversarial_neg = model.build_adversarial(reconstruction, is_train, reuse=True)
adversarial_all = tf.concat([adversarial_pos, adversarial_neg], 0)

loss_recon = tf.reduce_mean(tf.square(images_hiding - reconstruction))
loss_D = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=adversarial_all, labels=labels_D))
var_D = [x for x in tf.trainable_variables() if x.name.startswith("DIS")]
train_op_D = tf.train.AdamOptimizer(learning_rate=learning_rate, beta1=0.5).minimize(loss_D, var_list=var_D)

sess = tf.InteractiveSession()
tf.global_variables_initializer().run()
feed = {
    images_tf: np.random.rand(batch_size, 16, 16, 3),
    images_hiding: np.random.rand(batch_size, hiding_size, hiding_size, 3),
    learning_rate: learning_rate_val,
    is_train: True,
}
print(sess.run([train_op_D, loss_D], feed_dict=feed)[1])
