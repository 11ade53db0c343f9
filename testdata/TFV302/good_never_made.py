# Reuse=True that finds what it asks for, and requests whose graph is not known: no claim.
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def generator(z, reuse=False):
    with tf.variable_scope("gen", reuse=reuse):
        hidden = tf.layers.dense(z, 8)
        return tf.layers.batch_normalization(hidden, training=True)


def case_train_then_sample_with_reuse_true():
    tf.reset_default_graph()
    z = tf.placeholder(tf.float32, [None, 4])
    train = generator(z)
    sample = generator(z, reuse=True)
    return train, sample


def case_auto_reuse_creates_what_is_missing():
    tf.reset_default_graph()
    with tf.variable_scope("proj", reuse=tf.AUTO_REUSE):
        return tf.get_variable("w", [4, 4])


def case_later_passes_of_a_loop_reuse():
    tf.reset_default_graph()
    outputs = []
    for index in range(3):
        with tf.variable_scope("tower", reuse=index > 0):
            outputs.append(tf.get_variable("w", [2, 2]))
    return outputs


def case_a_layer_weight_asked_for_by_name():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3])
    tf.layers.dense(x, 2, name="fc")
    with tf.variable_scope("fc", reuse=True):
        return tf.get_variable("bias")


def case_keras_layer_in_a_reusing_scope():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3])
    with tf.variable_scope("head", reuse=True):
        return tf.keras.layers.Dense(2)(x)  # Keras layers make their variables outside the scope's store


def case_made_by_code_not_followed():
    tf.reset_default_graph()
    tf.train.get_or_create_global_step()
    tf.get_variable_scope().reuse_variables()
    return tf.get_variable("global_step", [], dtype=tf.int64)


def evaluate(z):
    # Nothing here calls it: whoever does may have built the generator in its graph first.
    return generator(z, reuse=True)


def restore_scope(scope_name):
    with tf.variable_scope(scope_name, reuse=True):
        return tf.get_variable("w")
