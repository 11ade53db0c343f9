# A graph built again into the same default graph, in real shapes: sweeps through parameters, containers,
# methods of a class, shared inputs, AUTO_REUSE with an optimizer, unnamed layers in a fixed scope.
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def build(learning_rate):
    x = tf.placeholder(tf.float32, [None, 3])
    w = tf.get_variable("w", [3, 1])
    loss = tf.reduce_mean(tf.matmul(x, w) ** 2)
    return tf.train.GradientDescentOptimizer(learning_rate).minimize(loss)


def sweep(builder, rates):
    ops = []
    for rate in rates:
        tf.reset_default_graph()
        ops.append(builder(rate))  # expect: TFV304
    return ops


def case_builder_as_parameter():
    tf.reset_default_graph()
    return sweep(build, [0.1, 0.01])


def case_results_in_a_dict(rates=(0.1, 0.01)):
    tf.reset_default_graph()
    models = {}
    for rate in rates:
        tf.reset_default_graph()
        models[rate] = build(rate)  # expect: TFV304
    return models


class Trainer:
    def __init__(self, units=4):
        self.units = units

    def build(self):
        self.x = tf.placeholder(tf.float32, [None, 5, 3])
        outputs, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(self.units), self.x, dtype=tf.float32)
        self.loss = tf.reduce_mean(outputs)

    def fit(self, learning_rate):
        self.build()
        return tf.train.AdamOptimizer(learning_rate).minimize(self.loss)


def case_methods_of_a_class():
    tf.reset_default_graph()
    ops = []
    for rate in [0.1, 0.01]:
        tf.reset_default_graph()
        trainer = Trainer()
        ops.append(trainer.fit(rate))  # expect: TFV304
    return ops


def tower(x):
    return tf.matmul(x, tf.get_variable("tower_w", [3, 3]))


def case_shared_input():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3])
    outputs = []
    for _ in range(2):
        outputs.append(tower(x))  # expect: TFV304
    return outputs


def generator(z):
    with tf.variable_scope("generator"):
        return tf.layers.dense(z, 4)


def case_unnamed_dense_in_a_fixed_scope():
    tf.reset_default_graph()
    z = tf.placeholder(tf.float32, [None, 2])
    fake = generator(z)
    with tf.variable_scope(tf.get_variable_scope(), reuse=tf.AUTO_REUSE):
        sample = generator(z)  # expect: TFV304
    return fake, sample


def train(rate):
    x = tf.placeholder(tf.float32, [None, 3])
    with tf.variable_scope("model", reuse=tf.AUTO_REUSE):
        w = tf.get_variable("w", [3, 1])
    loss = tf.reduce_mean(tf.matmul(x, w) ** 2)
    return tf.train.AdamOptimizer(rate).minimize(loss)


def case_auto_reuse_then_adam():
    tf.reset_default_graph()
    for rate in [0.1, 0.01]:
        tf.reset_default_graph()
        train(rate)  # expect: TFV304


def case_session_per_trial():
    tf.reset_default_graph()
    for rate in [0.1, 0.01]:
        tf.reset_default_graph()
        with tf.Session():
            build(rate)  # expect: TFV304


def case_one_graph_for_every_trial():
    graph = tf.Graph()
    for rate in [0.1, 0.01]:
        with graph.as_default():
            build(rate)  # expect: TFV304


def case_ops_grouped_after_the_loop():
    tf.reset_default_graph()
    ops = []
    for rate in [0.1, 0.01]:
        ops.append(build(rate))  # expect: TFV304
    return tf.group(*ops)


def dense(x, units):
    w = tf.get_variable("w", [x.shape[-1], units])
    return tf.nn.relu(tf.matmul(x, w))


def case_a_pass_builds_twice():
    tf.reset_default_graph()
    for units in [4, 8]:
        x = tf.placeholder(tf.float32, [None, 3])
        hidden = dense(x, units)  # expect: TFV304
        dense(hidden, 2)  # expect: TFV304


def fit(x, y, rate):
    w = tf.get_variable("w", [3, 1])
    loss = tf.reduce_mean((tf.matmul(x, w) - y) ** 2)
    return loss, tf.train.GradientDescentOptimizer(rate).minimize(loss)


def case_placeholders_of_a_pass(rates=(0.1, 0.01)):
    tf.reset_default_graph()
    losses = {}
    for rate in rates:
        tf.reset_default_graph()
        x = tf.placeholder(tf.float32, [None, 3])
        y = tf.placeholder(tf.float32, [None, 1])
        loss, train_op = fit(x, y, rate)  # expect: TFV304
        feed = {x: [[1.0, 2.0, 3.0]], y: [[1.0]]}
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(train_op, feed)
            losses[rate] = sess.run(loss, feed)
    return losses
