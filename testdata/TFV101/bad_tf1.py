# TF1 graph code asks `get_variable` for a `tf.layers` layer's weight by a name that misses the layer's own scope
# (`scope/kernel` beside `scope/dense/kernel`): it gets a new variable the layer never reads.
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def fully_connected_with_w(x, units, scope):
    with tf.variable_scope(scope, reuse=tf.AUTO_REUSE):
        channels = x.get_shape().as_list()[-1]
        x = tf.layers.dense(x, units=units)
        w = tf.get_variable("kernel", shape=[channels, units])  # expect: TFV101
        return x, w


def case_helper():
    tf.reset_default_graph()
    features = tf.placeholder(tf.float32, [None, 3])
    return fully_connected_with_w(features, 1, "cam_fc")[1]


def case_helper_per_scale():
    tf.reset_default_graph()
    features = tf.placeholder(tf.float32, [None, 3])
    return [fully_connected_with_w(features, 2, f"scale_{i}")[1] for i in range(2)][-1]


def case_conv_bias():
    tf.reset_default_graph()
    images = tf.placeholder(tf.float32, [None, 8, 8, 3])
    with tf.variable_scope("stem", reuse=tf.AUTO_REUSE):
        tf.layers.conv2d(images, 4, 3)
        return tf.get_variable("bias", [4])  # expect: TFV101
