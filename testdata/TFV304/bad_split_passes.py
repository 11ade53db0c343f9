# A loop over the slices of one placeholder (tf.split(batch, n)) builds the network once per slice into one
# default graph, without reuse: the second pass raises. Each pass reads a tensor made before the loop, so a
# fresh graph per pass would break it ("must be from the same graph"): no fix; the message gives the choices.
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def net(x):
    with tf.variable_scope("net"):
        w = tf.get_variable("w", [3, 1], initializer=tf.ones_initializer())
        return tf.matmul(x, w)


def case_split_passes(n=2):
    tf.reset_default_graph()
    batch = tf.placeholder(tf.float32, [4, 3])
    outputs = []
    for part in tf.split(batch, n):
        outputs.append(net(part))  # expect: TFV304
    return outputs
