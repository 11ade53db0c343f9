import tensorflow as tf


@tf.function
def accumulate(x):
    total = tf.Variable(0.0)  # expect: TFV401
    total.assign_add(tf.reduce_sum(x))
    return total
