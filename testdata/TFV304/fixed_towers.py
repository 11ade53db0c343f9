# Multi-GPU towers (DIGITS#1739): a loop builds one copy of the model per device, each on its slice of the
# batch, under a name scope (which names the tower's ops, not its variables) and without reuse, so the second
# tower makes `net/w` again. Towers are meant to share one set of variables; the fix builds each under
# variable_scope(get_variable_scope(), reuse=AUTO_REUSE).
import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def net(x):
    with tf.variable_scope("net"):
        w = tf.get_variable("w", [3, 1], initializer=tf.ones_initializer())
        return tf.matmul(x, w)


def case_towers(n_gpus=2):
    tf.reset_default_graph()
    batch = tf.placeholder(tf.float32, [4, 3])
    outputs = []
    for i, part in enumerate(tf.split(batch, n_gpus)):
        with tf.name_scope("tower_%d" % i):
            with tf.variable_scope(tf.get_variable_scope(), reuse=tf.AUTO_REUSE):
                out = net(part)  # expect: TFV304
        outputs.append(out)
    total = tf.add_n([tf.reduce_sum(o) for o in outputs])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(total, {batch: np.ones((4, 3))})


def case_device_towers(n_gpus=2):
    tf.reset_default_graph()
    batch = tf.placeholder(tf.float32, [4, 3])
    outputs = []
    for i, part in enumerate(tf.split(batch, n_gpus)):
        with tf.device("/cpu:0"):
            with tf.variable_scope(tf.get_variable_scope(), reuse=tf.AUTO_REUSE):
                outputs.append(net(part))  # expect: TFV304
    return outputs


def net_step(x):
    with tf.variable_scope("net"):
        w = tf.get_variable("w", [3, 1], initializer=tf.ones_initializer())
        loss = tf.reduce_sum(tf.matmul(x, w))
    return tf.train.AdamOptimizer(0.1).minimize(loss)


def case_towers_with_optimizer(n_gpus=2):
    # No fix: under AUTO_REUSE each tower's Adam would take the first's slots (net/w/Adam, net/w/Adam_1) and
    # apply its own update: one step would move `w` once per tower, where towers average their gradients.
    tf.reset_default_graph()
    batch = tf.placeholder(tf.float32, [4, 3])
    steps = []
    for i, part in enumerate(tf.split(batch, n_gpus)):
        with tf.name_scope("tower_%d" % i):
            steps.append(net_step(part))  # expect: TFV304
    return steps
