"""A Bayesian GAN keeps its discriminator's batch norms as objects in a dict (`batch_norm(name='d_bn%i' % i)` in a comprehension) whose `__call__` makes a named layer; the graph builder calls `discriminator` for the real batch and again for each generator's samples in one `variable_scope('discriminator')` without reuse, so the second call makes `discriminator/d_bn1/...` again.

Source: https://github.com/andrewgordonwilson/bayesgan/issues/9
Shape: class, method, class-attribute, container, comprehension, loop, helper, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable discriminator/d_bn1/moving_mean already exists, disallowed
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.layers needs tf_keras

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class AttributeDict(dict):
    def __getattr__(self, attr):
        return self[attr]

    def __setattr__(self, attr, value):
        self[attr] = value


class batch_norm(object):
    def __init__(self, epsilon=1e-5, momentum=0.9, name="batch_norm"):
        with tf.variable_scope(name):
            self.epsilon = epsilon
            self.momentum = momentum
            self.name = name

    def __call__(self, x, train=True):
        return tf.layers.batch_normalization(
            x, momentum=self.momentum, epsilon=self.epsilon, scale=False, center=False, training=train, name=self.name
        )


def lrelu(x, leak=0.2):
    return tf.maximum(x, leak * x)


class BDCGAN_Semi(object):
    def __init__(self, x_dim, z_dim, num_gen=2, num_disc_layers=3, df_dim=4, K=3):
        self.x_dim, self.z_dim, self.num_gen, self.K = x_dim, z_dim, num_gen, K
        self.num_disc_layers, self.df_dim = num_disc_layers, df_dim
        self.construct_from_hypers()
        self.build_bgan_graph()

    def construct_from_hypers(self):
        self.d_batch_norm = AttributeDict([("d_bn%i" % dbn_i, batch_norm(name="d_bn%i" % dbn_i)) for dbn_i in range(self.num_disc_layers)])

    def initialize_wgts(self, scope_str, weight_dims, numz):
        param_list = []
        with tf.variable_scope(scope_str):
            for zi in range(numz):
                wgts_ = AttributeDict()
                for name, shape in weight_dims.items():
                    wgts_[name] = tf.get_variable("%s_%04d" % (name, zi), shape, initializer=tf.random_normal_initializer(stddev=0.02))
                param_list.append(wgts_)
        return param_list

    def generator(self, z, gen_params):
        with tf.variable_scope("generator"):
            return tf.tanh(tf.matmul(z, gen_params.g_h0_W))

    def discriminator(self, image, K, disc_params, train=True):
        with tf.variable_scope("discriminator"):
            h = image
            for layer in range(self.num_disc_layers):
                h = tf.matmul(h, disc_params["d_h%i_W" % layer]) + disc_params["d_h%i_b" % layer]
                if layer > 0:
                    h = self.d_batch_norm["d_bn%i" % layer](h, train=train)
                h = lrelu(h)
            h_out = tf.matmul(h, disc_params.d_h_out_lin_W)
            return tf.nn.softmax(h_out), h_out

    def build_bgan_graph(self):
        self.inputs = tf.placeholder(tf.float32, [None, self.x_dim], name="real_images")
        self.z = tf.placeholder(tf.float32, [None, self.z_dim, self.num_gen], name="z")
        widths = [self.x_dim] + [self.df_dim] * self.num_disc_layers
        disc_weight_dims = {}
        for layer in range(self.num_disc_layers):
            disc_weight_dims["d_h%i_W" % layer] = [widths[layer], widths[layer + 1]]
            disc_weight_dims["d_h%i_b" % layer] = [widths[layer + 1]]
        disc_weight_dims["d_h_out_lin_W"] = [self.df_dim, self.K]
        self.gen_param_list = self.initialize_wgts("generator", {"g_h0_W": [self.z_dim, self.x_dim]}, self.num_gen)
        self.disc_param_list = self.initialize_wgts("discriminator", disc_weight_dims, 1)

        self.d_losses = []
        for di, disc_params in enumerate(self.disc_param_list):
            d_probs, d_logits = self.discriminator(self.inputs, self.K, disc_params)
            d_loss_real = -tf.reduce_mean(tf.reduce_logsumexp(d_logits, 1))
            d_loss_fakes = []
            for gi, gen_params in enumerate(self.gen_param_list):
                d_probs_, d_logits_ = self.discriminator(self.generator(self.z[:, :, gi], gen_params), self.K, disc_params)  # expect: TFV304
                d_loss_fakes.append(tf.reduce_mean(tf.nn.softplus(tf.reduce_logsumexp(d_logits_, 1))))
            self.d_losses.append(d_loss_real + tf.add_n(d_loss_fakes))


dcgan = BDCGAN_Semi(x_dim=6, z_dim=4)
print(len(dcgan.d_losses))
