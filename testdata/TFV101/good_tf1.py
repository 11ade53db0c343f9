# TF1 variables beside tf.layers layers that are meant to be their own.
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def case_full_name_under_auto_reuse():
    tf.reset_default_graph()
    features = tf.placeholder(tf.float32, [None, 3])
    with tf.variable_scope("cam", reuse=tf.AUTO_REUSE):
        tf.layers.dense(features, 1)
        return tf.get_variable("dense/kernel", [3, 1])  # the layer's own kernel


def case_attention_vector():
    tf.reset_default_graph()
    features = tf.placeholder(tf.float32, [None, 3])
    with tf.variable_scope("attention"):
        tf.layers.dense(features, 4)
        return tf.get_variable("v", [4])


def case_shape_that_cannot_be_the_layers():
    tf.reset_default_graph()
    features = tf.placeholder(tf.float32, [None, 3])
    with tf.variable_scope("proj"):
        tf.layers.dense(features, 1)
        return tf.get_variable("kernel", [3, 7])


def case_other_scope():
    tf.reset_default_graph()
    features = tf.placeholder(tf.float32, [None, 3])
    with tf.variable_scope("a"):
        tf.layers.dense(features, 1)
    with tf.variable_scope("b"):
        return tf.get_variable("kernel", [3, 1])
