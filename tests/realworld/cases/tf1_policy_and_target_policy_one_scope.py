"""A TD3-style agent builds its policy and its target policy from one custom policy class inside one `variable_scope('input')`; the class creates `model/pi_fc0/w` with get_variable in its constructor, so the second construction collides.

Source: https://github.com/hill-a/stable-baselines/issues/469
Shape: class-attribute, parameter, helper, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable input/model/pi_fc0/w already exists, disallowed
"""

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def linear(x, scope, n_hidden):
    with tf.variable_scope(scope):
        weight = tf.get_variable("w", [x.shape[1], n_hidden])
        bias = tf.get_variable("b", [n_hidden], initializer=tf.zeros_initializer())
        return tf.matmul(x, weight) + bias


class CustomPolicy:
    """The user's policy builds its network in __init__, with fixed names and no reuse argument."""

    def __init__(self, sess, ob_dim, ac_dim, layers=(8, 8)):
        self.sess = sess
        self.obs_ph = tf.placeholder(tf.float32, [None, ob_dim], name="obs")
        with tf.variable_scope("model"):
            hidden = self.obs_ph
            for i, size in enumerate(layers):
                hidden = tf.nn.relu(linear(hidden, "pi_fc%d" % i, size))
            self.policy = tf.tanh(linear(hidden, "pi", ac_dim))


class TD3:
    def __init__(self, policy, ob_dim=3, ac_dim=2):
        self.graph = tf.Graph()
        with self.graph.as_default():
            self.sess = tf.Session(graph=self.graph)
            with tf.variable_scope("input", reuse=False):
                self.policy_tf = policy(self.sess, ob_dim, ac_dim)
                self.target_policy_tf = policy(self.sess, ob_dim, ac_dim)  # expect: TFV304


model = TD3(CustomPolicy)
print(model.policy_tf.policy, model.target_policy_tf.policy)
