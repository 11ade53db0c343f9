"""A DQN hyper-parameter search calls the training entry point once per (learning rate, exploration) pair in one process; each call rebuilds the act graph into the same default graph, and the second build meets the first one's `deepq/eps`.

Source: https://github.com/openai/baselines/issues/426
Shape: loop, helper, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable deepq/eps already exists, disallowed
"""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def q_func(obs, num_actions):
    w = tf.get_variable("q_w", [obs.shape[1], num_actions])
    return tf.matmul(obs, w)


def build_act(num_actions, scope="deepq", reuse=None):
    with tf.variable_scope(scope, reuse=reuse):
        observations_ph = tf.placeholder(tf.float32, [None, 3], name="observation")
        eps = tf.get_variable("eps", (), initializer=tf.constant_initializer(0))
        q_values = q_func(observations_ph, num_actions)
        return observations_ph, eps, q_values


def learn(lr, exploration_fraction, num_actions=2):
    obs_ph, eps, q_values = build_act(num_actions)
    loss = tf.reduce_mean(tf.square(q_values))
    train_op = tf.train.AdamOptimizer(lr).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train_op, {obs_ph: np.ones((4, 3), "float32")})
    return exploration_fraction


def main(lr, exp_frac):
    return learn(lr, exp_frac)


for lr in [1e-3, 5e-4]:
    for exp_frac in [0.1, 0.2]:
        main(lr, exp_frac)  # expect: TFV304
        print("done", lr, exp_frac)
