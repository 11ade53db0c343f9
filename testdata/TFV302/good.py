# Near misses: reuse=True, AUTO_REUSE, reuse_variables(), distinct scopes, computed names, unnamed dense, graphs.
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def case_reuse_true():
    tf.reset_default_graph()
    with tf.variable_scope("s"):
        a = tf.get_variable("w", [2])
    with tf.variable_scope("s", reuse=True):
        b = tf.get_variable("w", [2])
    return [a, b]


def case_auto_reuse():
    tf.reset_default_graph()
    with tf.variable_scope("s", reuse=tf.AUTO_REUSE):
        a = tf.get_variable("w", [2])
        b = tf.get_variable("w", [2])
    return [a, b]


def case_reuse_variables():
    tf.reset_default_graph()
    with tf.variable_scope("s") as scope:
        a = tf.get_variable("w", [2])
        scope.reuse_variables()
        b = tf.get_variable("w", [2])
    return [a, b]


def case_distinct_scopes():
    tf.reset_default_graph()
    with tf.variable_scope("encoder"):
        a = tf.get_variable("w", [2])
    with tf.variable_scope("decoder"):
        b = tf.get_variable("w", [2])
    return [a, b]


def case_default_names():
    tf.reset_default_graph()
    out = []
    for _ in range(2):
        with tf.variable_scope(None, default_name="block"):
            out.append(tf.get_variable("w", [2]))
    return out


def case_computed_names():
    tf.reset_default_graph()
    return [tf.get_variable("w_%d" % i, [2]) for i in range(2)]


def case_unnamed_dense():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3])
    return tf.layers.dense(tf.layers.dense(x, 4), 4)


def case_fresh_graph():
    with tf.Graph().as_default():
        a = tf.get_variable("w", [2])
    with tf.Graph().as_default():
        b = tf.get_variable("w", [2])
    return [a, b]


def case_reset_between():
    tf.get_variable("v", [2])
    tf.reset_default_graph()
    return tf.get_variable("v", [2])


def case_either(flag=True):
    tf.reset_default_graph()
    if flag:
        w = tf.get_variable("w", [2])
    else:
        w = tf.get_variable("w", [3])
    return w


def shared_layer(x, reuse=None):
    with tf.variable_scope("shared", reuse=reuse):
        w = tf.get_variable("w", [3, 3])
        return tf.matmul(x, w)


def case_parameter_reuse():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3])
    return shared_layer(shared_layer(x), reuse=True)


def head(x, mode="train"):
    if mode == "eval":
        return tf.layers.dense(x, 2, name="head")
    hidden = tf.layers.dense(x, 2, name="head")
    return tf.layers.dense(hidden, 2, name="head", reuse=True)


def case_early_return():
    tf.reset_default_graph()
    return head(tf.placeholder(tf.float32, [None, 3]))
