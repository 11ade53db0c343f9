# Reuse that graph mode gives: named layers, one shape, the same layer object, a fresh scope.
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def score(fact, query, reuse):
    with tf.variable_scope("attention", reuse=reuse):
        hidden = tf.layers.dense(tf.concat([fact * query, fact - query], 1), 8, name="hidden", reuse=reuse)
        return tf.layers.dense(hidden, 1, name="out", reuse=reuse)


def case_named_dense_in_a_reused_helper():
    tf.reset_default_graph()
    facts = tf.placeholder(tf.float32, [None, 3, 8])
    query = tf.placeholder(tf.float32, [None, 8])
    scores = []
    for fact in tf.unstack(facts, axis=1):
        scores.append(score(fact, query, bool(scores)))
    return scores


def case_get_variable_reused_at_its_shape():
    tf.reset_default_graph()
    with tf.variable_scope("embedding"):
        table = tf.get_variable("table", [10, 4])
    with tf.variable_scope("embedding", reuse=True):
        same = tf.get_variable("table", [10, 4])
        unshaped = tf.get_variable("table")
    return table, same, unshaped


def conv_block(x, filters):
    with tf.variable_scope("block", reuse=tf.AUTO_REUSE):
        return tf.layers.conv2d(x, filters, 3, padding="same", name="conv")


def case_auto_reuse_block_at_one_width():
    tf.reset_default_graph()
    images = tf.placeholder(tf.float32, [None, 8, 8, 8])
    return conv_block(conv_block(images, 8), 8)


def case_layer_object_called_again_after_reuse_variables():
    tf.reset_default_graph()
    memory = tf.placeholder(tf.float32, [None, 3])
    with tf.variable_scope("main") as scope:
        layer = tf.layers.Dense(10, name="memory_layer", use_bias=False)
        keys_train = layer(memory)
        scope.reuse_variables()
        keys_infer = layer(memory)
    return keys_train, keys_infer


def case_second_layer_object_in_a_scope_of_its_own():
    tf.reset_default_graph()
    memory = tf.placeholder(tf.float32, [None, 3])
    with tf.variable_scope("train"):
        keys_train = tf.layers.Dense(10, name="memory_layer")(memory)
    with tf.variable_scope("infer"):
        keys_infer = tf.layers.Dense(10, name="memory_layer")(memory)
    return keys_train, keys_infer


# DCGAN-tensorflow with crop=True: the generator makes images of the real ones' size, so the reused
# discriminator asks for its matrix at the shape it was made at.
def conv(input_, output_dim, name):
    with tf.variable_scope(name):
        w = tf.get_variable("w", [5, 5, input_.get_shape()[-1], output_dim])
        return tf.nn.conv2d(input_, w, strides=[1, 2, 2, 1], padding="VALID")


def discriminator(image, reuse=False):
    with tf.variable_scope("discriminator", reuse=reuse):
        h0 = tf.nn.relu(conv(image, 8, "d_h0_conv"))
        flat = tf.reshape(h0, [16, -1])
        matrix = tf.get_variable("Matrix", [flat.get_shape().as_list()[1], 1])
        return tf.matmul(flat, matrix)


def case_discriminator_reused_on_an_input_of_its_size():
    tf.reset_default_graph()
    images = tf.placeholder(tf.float32, [16, 11, 11, 3])
    fake = tf.tanh(tf.placeholder(tf.float32, [16, 11, 11, 3]))
    return discriminator(images), discriminator(fake, reuse=True)
