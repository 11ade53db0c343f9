"""A TF1 autoencoder class builds its graph in __init__ through build_model(), whose encoder() method calls a
linear() helper method with get_variable under variable_scope("Encoder")/("enc_h0_lin"); the notebook makes the model
again for a second latent size in the same default graph and the second build makes Encoder/enc_h0_lin/weights again.

Source: https://github.com/Zafar-Lab/scDREAMER/issues/4
Shape: class-attribute, helper, loop, tf1-graph, notebook-like
Target: tf1
Runtime: raises ValueError: Variable Encoder/enc_h0_lin/weights already exists, disallowed
"""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class scDREAMER:
    def __init__(self, sess, X_dim, z_dim, h_dim=8):
        self.sess = sess
        self.X_dim = X_dim
        self.z_dim = z_dim
        self.h_dim = h_dim
        self.build_model()

    def linear(self, x, out_dim, scope):
        with tf.variable_scope(scope):
            w = tf.get_variable("weights", [x.get_shape()[1], out_dim], initializer=tf.glorot_uniform_initializer())
            b = tf.get_variable("bias", [out_dim], initializer=tf.zeros_initializer())
            return tf.matmul(x, w) + b

    def encoder(self, x):
        with tf.variable_scope("Encoder"):
            h = tf.nn.relu(self.linear(x, self.h_dim, "enc_h0_lin"))
            z_mu = self.linear(h, self.z_dim, "enc_mu_lin")
            return z_mu

    def decoder(self, z):
        with tf.variable_scope("Decoder"):
            h = tf.nn.relu(self.linear(z, self.h_dim, "dec_h0_lin"))
            return self.linear(h, self.X_dim, "dec_out_lin")

    def build_model(self):
        self.x_input = tf.placeholder(tf.float32, [None, self.X_dim], name="x_input")
        self.z = self.encoder(self.x_input)
        self.x_recon = self.decoder(self.z)
        self.loss = tf.reduce_mean(tf.square(self.x_recon - self.x_input))

    def train(self, data):
        opt = tf.train.AdamOptimizer(1e-3).minimize(self.loss)
        self.sess.run(tf.global_variables_initializer())
        return self.sess.run([opt, self.loss], {self.x_input: data})[1]


data = np.random.rand(4, 5).astype("float32")
sess = tf.Session()
for z_dim in [2, 3]:
    model = scDREAMER(sess, X_dim=5, z_dim=z_dim)  # expect: TFV304
    print(z_dim, model.train(data))
