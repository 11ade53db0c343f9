"""A benchmark sweep runs one PPO training after another in one worker process; the policy is built under `variable_scope('ppo2_model', reuse=tf.AUTO_REUSE)`, so its weights are silently shared across runs, but each run's AdamOptimizer then tries to create the same slot variables again.

Source: https://github.com/google-deepmind/bsuite/issues/4
Shape: loop, class-attribute, helper, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable ppo2_model/pi/mlp_fc0/w/Adam/ already exists, disallowed
"""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def mlp_policy(ob_ph, num_actions):
    with tf.variable_scope("pi"):
        w0 = tf.get_variable("mlp_fc0/w", [ob_ph.shape[1], 8])
        w1 = tf.get_variable("logits/w", [8, num_actions])
        return tf.matmul(tf.tanh(tf.matmul(ob_ph, w0)), w1)


class Model:
    def __init__(self, ob_dim, num_actions, lr):
        self.ob_ph = tf.placeholder(tf.float32, [None, ob_dim])
        with tf.variable_scope("ppo2_model", reuse=tf.AUTO_REUSE):
            logits = mlp_policy(self.ob_ph, num_actions)
        loss = tf.reduce_mean(tf.square(logits))
        params = tf.trainable_variables("ppo2_model")
        self.trainer = tf.train.AdamOptimizer(learning_rate=lr, epsilon=1e-5)
        grads_and_var = self.trainer.compute_gradients(loss, params)
        self._train_op = self.trainer.apply_gradients(grads_and_var)


def learn(ob_dim=3, num_actions=2, lr=3e-4):
    model = Model(ob_dim, num_actions, lr)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(model._train_op, {model.ob_ph: np.ones((4, ob_dim), "float32")})
    return model


def run(bsuite_id):
    learn()
    return bsuite_id


# run.py --bsuite_id=SWEEP: each worker process runs several experiments in turn
for bsuite_id in ["bandit/0", "bandit/1", "bandit/2"]:
    run(bsuite_id)  # expect: TFV304
    print("finished", bsuite_id)
