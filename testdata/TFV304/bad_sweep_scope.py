# A sweep over a setting builds its model on every pass into one default graph, with the input placeholder and
# the Session made before the loop (scDREAMER#4): the second pass raises `Variable dense/weights already
# exists`. A fresh graph per pass would leave the placeholder and the session on the old graph; each pass's
# build gets a variable scope of its own instead, numbered by the loop.
import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def build(x, units):
    with tf.variable_scope("dense"):
        w = tf.get_variable("weights", [4, units], initializer=tf.ones_initializer())
        return tf.reduce_sum(tf.matmul(x, w))


x = tf.placeholder(tf.float32, [None, 4])
sess = tf.Session()
results = []
for units in [2, 3]:
    total = build(x, units)  # expect: TFV304
    sess.run(tf.global_variables_initializer())
    results.append(float(sess.run(total, {x: np.ones((1, 4), "float32")})))
variables = sorted(v.name for v in tf.global_variables())
