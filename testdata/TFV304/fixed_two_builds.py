# Two builds of one model into one default graph, where the code says whether the second shares the first's
# variables (an evaluation copy, the same network on another input) or needs its own (a model that replaces
# the first under its name, a target network); where it cannot be told, no fix.
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


def net(x, is_training=True):
    h = tf.layers.dense(x, 4, activation=tf.nn.relu, name="hidden")
    h = tf.layers.dropout(h, 0.5, training=is_training)
    return tf.layers.dense(h, 2, name="out")


def case_evaluation_copy():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3])
    a = net(x)
    with tf.variable_scope(tf.get_variable_scope(), reuse=tf.AUTO_REUSE):
        b = net(x, is_training=False)  # expect: TFV304
    return a, b


class Encoder(object):
    def __init__(self, size):
        self.size = size

    def __call__(self, x, y):
        with tf.variable_scope("encoder"):
            h = tf.layers.dense(tf.concat([x, y], -1), self.size, name="layer_0")
        return tf.layers.dense(h, 2, name="mean")


def case_one_encoder_on_two_inputs():
    tf.reset_default_graph()
    context_x, context_y = tf.placeholder(tf.float32, [None, 1]), tf.placeholder(tf.float32, [None, 1])
    target_x, target_y = tf.placeholder(tf.float32, [None, 1]), tf.placeholder(tf.float32, [None, 1])
    encoder = Encoder(4)
    prior = encoder(context_x, context_y)
    with tf.variable_scope(tf.get_variable_scope(), reuse=tf.AUTO_REUSE):
        posterior = encoder(target_x, target_y)  # expect: TFV304
    return prior, posterior


class Classifier(object):
    def __init__(self, hidden):
        self.x = tf.placeholder(tf.float32, [None, 3])
        w = tf.get_variable("w", [3, hidden])
        self.logits = tf.matmul(self.x, w)


def case_model_rebuilt_with_another_config():
    tf.reset_default_graph()
    model = Classifier(4)
    with tf.variable_scope("model_1"):
        model = Classifier(2)  # expect: TFV304
    return model


def q_net(obs):
    with tf.variable_scope("q"):
        return tf.layers.dense(obs, 2, name="q_values")


def case_target_network():
    tf.reset_default_graph()
    obs = tf.placeholder(tf.float32, [None, 3])
    online = q_net(obs)
    with tf.variable_scope("target_q"):
        target_q = q_net(obs)  # expect: TFV304
    return online, target_q


def case_two_builds_nothing_tells():
    tf.reset_default_graph()
    obs = tf.placeholder(tf.float32, [None, 3])
    first = q_net(obs)
    second = q_net(obs)  # expect: TFV304
    return first, second


def train_step(x):
    loss = tf.reduce_mean(tf.layers.dense(x, 1, name="head") ** 2)
    return tf.train.AdamOptimizer(0.01).minimize(loss)


def case_evaluation_copy_that_trains():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3])
    train_op = train_step(x)
    eval_op = train_step(x)  # expect: TFV304
    return train_op, eval_op


def test_two_copies():
    tf.reset_default_graph()
    obs = tf.placeholder(tf.float32, [None, 3])
    eval_a = q_net(obs)
    eval_b = q_net(obs)  # expect: TFV304
    return eval_a, eval_b


def case_both_named_for_evaluation():
    return test_two_copies()


class Enhancer(object):
    """RetinexNet#4's shape: the model object builds its training step in `__init__`, and a second object is
    made for evaluation; its optimizer shares the first's slot variables under the shared scope."""

    def __init__(self):
        self.x = tf.placeholder(tf.float32, [None, 3])
        self.output = tf.layers.dense(self.x, 2, name="relight")
        self.train_op = tf.train.AdamOptimizer(0.01).minimize(tf.reduce_mean(self.output ** 2))


def case_evaluation_model_that_builds_its_training_step():
    tf.reset_default_graph()
    model = Enhancer()
    with tf.variable_scope(tf.get_variable_scope(), reuse=tf.AUTO_REUSE):
        eval_model = Enhancer()  # expect: TFV304
    return model, eval_model


def case_network_on_a_reversed_input():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3])
    features = net(x)
    with tf.variable_scope(tf.get_variable_scope(), reuse=tf.AUTO_REUSE):
        reversed_features = net(tf.reverse(x, [1]))  # expect: TFV304
    return features, reversed_features
