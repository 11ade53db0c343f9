# Without reuse, asking for the layer's weight by its full name would raise "already exists": reported, not fixed.
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def case_no_reuse():
    tf.reset_default_graph()
    features = tf.placeholder(tf.float32, [None, 3])
    with tf.variable_scope("head"):
        tf.layers.dense(features, 2)
        return tf.get_variable("bias", [2])  # expect: TFV101
