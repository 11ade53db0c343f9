"""TF-GAN's evaluation helper builds its eval-step counter with a get-or-create idiom: the variable is made only when the graph's `EVAL_STEP` collection is empty, and the counter is put into that collection, so the second call (reading the step after the eval ops) returns the first variable and collides with nothing.

Source: https://github.com/tensorflow/gan/blob/master/tensorflow_gan/examples/evaluation_helper.py
Shape: helper, branch, tf1-graph, session
Target: tf1
Runtime: runs
"""

import tensorflow as tf


def get_or_create_eval_step():
    graph = tf.compat.v1.get_default_graph()
    eval_steps = graph.get_collection(tf.compat.v1.GraphKeys.EVAL_STEP)
    if len(eval_steps) == 1:
        return eval_steps[0]
    elif len(eval_steps) > 1:
        raise ValueError("Multiple tensors added to tf.GraphKeys.EVAL_STEP")
    else:
        counter = tf.compat.v1.get_variable(
            "eval_step",
            shape=[],
            dtype=tf.int64,
            initializer=tf.compat.v1.zeros_initializer(),
            trainable=False,
            collections=[tf.compat.v1.GraphKeys.LOCAL_VARIABLES, tf.compat.v1.GraphKeys.EVAL_STEP],
        )
        return counter


def get_latest_eval_step_value(update_ops):
    with tf.control_dependencies(update_ops):
        return tf.identity(get_or_create_eval_step().read_value())


def evaluate_once(num_evals):
    eval_step = get_or_create_eval_step()
    eval_ops = [tf.compat.v1.assign_add(eval_step, 1)]
    eval_step_value = get_latest_eval_step_value(eval_ops)
    with tf.compat.v1.Session() as sess:
        sess.run(tf.compat.v1.local_variables_initializer())
        for _ in range(num_evals):
            step = sess.run(eval_step_value)
    return step


with tf.Graph().as_default():
    tf.compat.v1.disable_eager_execution()
    print("evals run:", evaluate_once(3))
    print("local variables:", [v.name for v in tf.compat.v1.local_variables()])
