# A variable-creating function run more than once into one default graph.
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def build(learning_rate):
    x = tf.placeholder(tf.float32, [None, 5, 3])
    outputs, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32)
    w_out = tf.get_variable("w_out", [4, 1])
    loss = tf.reduce_mean(tf.matmul(outputs[:, -1], w_out) ** 2)
    return tf.train.GradientDescentOptimizer(learning_rate).minimize(loss)


def build_scoped():
    with tf.variable_scope("model"):
        return build(0.1)


def case_sweep():
    tf.reset_default_graph()
    ops = []
    for lr in [0.1, 0.01]:
        tf.reset_default_graph()
        ops.append(build(lr))  # expect: TFV304
    return ops


def case_train_and_predict():
    tf.reset_default_graph()
    train_op = build(0.1)
    with tf.variable_scope(tf.get_variable_scope(), reuse=tf.AUTO_REUSE):
        predict_op = build(0.0)  # expect: TFV304
    return train_op, predict_op


def case_scoped_twice():
    tf.reset_default_graph()
    first = build_scoped()
    second = build_scoped()  # expect: TFV304
    return first, second
