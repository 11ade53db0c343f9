# Found by the graph-built-twice rule: a network's second build shares its variables with
# `tf.get_variable_scope().reuse_variables()` on the root scope, which stays on; an optimizer made afterwards
# cannot create its slot variables (`d_w/Adam`) under `reuse=True`, and `reuse=False` cannot turn it off
# (jonbruner GAN#1, tensorflow#6220, RL-Chatbot#7). No fix: where the sharing should end is the author's choice.
import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def discriminator(x, reuse=False):
    if reuse:
        tf.get_variable_scope().reuse_variables()
    d_w = tf.get_variable("d_w", [3, 1])
    return tf.matmul(x, d_w)


def case_adam_after_a_shared_build():
    tf.reset_default_graph()
    real = discriminator(tf.constant(np.ones((2, 3), "float32")))
    fake = discriminator(tf.constant(np.zeros((2, 3), "float32")), reuse=True)
    tf.train.AdamOptimizer(0.1).minimize(tf.reduce_mean(real - fake))  # expect: TFV304


def case_momentum_on_a_filtered_var_list():
    tf.reset_default_graph()
    real = discriminator(tf.constant(np.ones((2, 3), "float32")))
    fake = discriminator(tf.constant(np.zeros((2, 3), "float32")), reuse=True)
    d_vars = [v for v in tf.trainable_variables() if "d_" in v.name]
    tf.train.MomentumOptimizer(0.1, 0.9).minimize(tf.reduce_mean(fake - real), var_list=d_vars)  # expect: TFV304


def case_reuse_false_does_not_undo_it():
    tf.reset_default_graph()
    real = discriminator(tf.constant(np.ones((2, 3), "float32")))
    fake = discriminator(tf.constant(np.zeros((2, 3), "float32")), reuse=True)
    with tf.variable_scope(tf.get_variable_scope(), reuse=False):
        tf.train.RMSPropOptimizer(0.1).minimize(tf.reduce_mean(real + fake))  # expect: TFV304
