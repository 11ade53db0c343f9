# Builds run twice into one default graph where the code says what was meant: a `reuse` parameter the second
# build does not pass, stacked blocks that reopen one fixed scope, a classifier that runs its own session on
# each call, and a build in a loop whose arguments never change.
import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def generator(z, reuse=False):
    with tf.variable_scope("generator") as scope:
        if reuse:
            scope.reuse_variables()
        w = tf.get_variable("w", [3, 2])
        return tf.matmul(z, w)


def case_sample_from_the_trained_generator():
    tf.reset_default_graph()
    z = tf.placeholder(tf.float32, [None, 3])
    trained = generator(z)
    sample = generator(z, reuse=True)  # expect: TFV304
    return trained, sample


def block(x):
    with tf.variable_scope(None, default_name="block"):
        w = tf.get_variable("w", [3, 3])
        return tf.nn.relu(tf.matmul(x, w))


def case_stacked_blocks():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3])
    x = block(x)
    x = block(x)  # expect: TFV304
    return x


def classify(images):
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, 3])
        w = tf.get_variable("w", [3, 1], initializer=tf.ones_initializer())
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return sess.run(tf.matmul(x, w), {x: images})


def case_classify_twice():
    tf.reset_default_graph()
    first = classify(np.ones((1, 3)))
    second = classify(np.ones((2, 3)))  # expect: TFV304
    return first, second


def dense(x):
    w = tf.get_variable("dense_w", [3, 1], initializer=tf.ones_initializer())
    return tf.matmul(x, w)


def case_build_per_frame():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3])
    results = []
    with tf.Session() as sess:
        out = dense(x)
        for frame in (np.ones((1, 3)), np.zeros((1, 3))):
            sess.run(tf.global_variables_initializer())
            results.append(sess.run(out, {x: frame}).tolist())
    return results
