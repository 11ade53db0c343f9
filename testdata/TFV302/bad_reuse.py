# Variables asked for under reuse that graph mode cannot give: sharing at another shape, or a name never made.
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def score(fact, query, reuse):
    # Two unnamed layers: `attention/dense` and `attention/dense_1` on the first call, but under reuse both
    # are `attention/dense` (a fixed scope), so the second asks for the first one's (16, 8) kernel at (8, 1).
    with tf.variable_scope("attention", reuse=reuse):
        hidden = tf.layers.dense(tf.concat([fact * query, fact - query], 1), 8, activation=tf.nn.tanh, reuse=reuse)
        return tf.layers.dense(hidden, 1, reuse=reuse)  # expect: TFV302


def case_unnamed_dense_in_a_reused_helper():
    tf.reset_default_graph()
    facts = tf.placeholder(tf.float32, [None, 3, 8])
    query = tf.placeholder(tf.float32, [None, 8])
    scores = []
    for fact in tf.unstack(facts, axis=1):
        scores.append(score(fact, query, bool(scores)))
    return scores


def case_get_variable_reused_at_another_shape():
    tf.reset_default_graph()
    with tf.variable_scope("embedding"):
        table = tf.get_variable("table", [10, 4])
    with tf.variable_scope("embedding", reuse=True):
        projection = tf.get_variable("table", [4, 10])  # expect: TFV302
    return table, projection


def conv_block(x, filters):
    with tf.variable_scope("block", reuse=tf.AUTO_REUSE):
        return tf.layers.conv2d(x, filters, 3, name="conv")  # expect: TFV302


def case_auto_reuse_block_at_another_width():
    tf.reset_default_graph()
    images = tf.placeholder(tf.float32, [None, 8, 8, 3])
    return conv_block(conv_block(images, 8), 16)


def make_memory_layer(units):
    return tf.layers.Dense(units, name="memory_layer", use_bias=False)


def case_layer_object_rebuilt_after_reuse_variables():
    tf.reset_default_graph()
    memory = tf.placeholder(tf.float32, [None, 3])
    with tf.variable_scope("main") as scope:
        layer = make_memory_layer(10)
        keys_train = layer(memory)
        scope.reuse_variables()
        layer = make_memory_layer(10)
        keys_infer = layer(memory)  # expect: TFV302
    return keys_train, keys_infer


# DCGAN-tensorflow#178: the discriminator's last `linear` sizes its matrix from its input's static shape; the
# discriminator is reused on the generator's output, smaller than the real images (crop=False), so the reused
# `d_lin/Matrix` is asked for at another shape. The call that reuses it on the smaller input is the mistake.
def conv(input_, output_dim, name):
    with tf.variable_scope(name):
        w = tf.get_variable("w", [5, 5, input_.get_shape()[-1], output_dim])
        biases = tf.get_variable("biases", [output_dim])
        return tf.nn.bias_add(tf.nn.conv2d(input_, w, strides=[1, 2, 2, 1], padding="SAME"), biases)


def linear(input_, output_size, scope):
    shape = input_.get_shape().as_list()
    with tf.variable_scope(scope):
        matrix = tf.get_variable("Matrix", [shape[1], output_size], tf.float32)
        return tf.matmul(input_, matrix)


def discriminator(image, batch_size, reuse=False):
    with tf.variable_scope("discriminator") as scope:
        if reuse:
            scope.reuse_variables()
        h0 = conv(image, 8, "d_h0_conv")
        h1 = tf.maximum(h0, 0.2 * h0)
        return linear(tf.reshape(h1, [batch_size, -1]), 1, "d_lin")


def generator(z, batch_size):
    with tf.variable_scope("generator"):
        h0 = tf.reshape(linear(z, 4 * 4 * 8, "g_lin"), [batch_size, 4, 4, 8])
        kernel = tf.get_variable("w", [5, 5, 3, 8])
        deconv = tf.nn.conv2d_transpose(h0, kernel, output_shape=[batch_size, 8, 8, 3], strides=[1, 2, 2, 1])
        return tf.tanh(tf.reshape(deconv, [batch_size, 8, 8, 3]))


def case_discriminator_reused_on_a_smaller_input():
    tf.reset_default_graph()
    images = tf.placeholder(tf.float32, [16, 12, 12, 3])
    z = tf.placeholder(tf.float32, [None, 10])
    fake = generator(z, 16)
    real_logits = discriminator(images, 16)
    fake_logits = discriminator(fake, 16, reuse=True)  # expect: TFV302
    return real_logits, fake_logits
