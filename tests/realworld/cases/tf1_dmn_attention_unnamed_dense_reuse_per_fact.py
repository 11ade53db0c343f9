"""A Dynamic Memory Network's `get_attention` scores each fact with two unnamed `tf.layers.dense` calls inside `variable_scope("attention", reuse=reuse)`, passing `reuse=bool(attentions)` from the loop over facts; under reuse both unnamed layers resolve to `attention/dense`, so the second one tries to share the first one's (4 * hidden, embed) kernel.

Source: https://github.com/barronalex/Dynamic-Memory-Networks-in-TensorFlow/pull/5
Shape: class, method, loop, parameter, tf1-graph
Target: tf1
Runtime: raises ValueError: Trying to share variable attention/dense/kernel, but specified shape (8, 1) and found shape (32, 8)
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.layers needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class Config(object):
    embed_size = 8
    hidden_size = 8
    max_sentences = 5


class DMN_PLUS(object):
    def __init__(self, config):
        self.config = config
        self.fact_vecs = tf.placeholder(tf.float32, [None, config.max_sentences, config.hidden_size])
        self.question = tf.placeholder(tf.float32, [None, config.hidden_size])

    def get_attention(self, q_vec, prev_memory, fact_vec, reuse):
        with tf.variable_scope("attention", reuse=reuse):
            features = [fact_vec * q_vec, fact_vec * prev_memory,
                        tf.abs(fact_vec - q_vec), tf.abs(fact_vec - prev_memory)]
            feature_vec = tf.concat(features, 1)
            attention = tf.layers.dense(feature_vec, self.config.embed_size,
                                        activation=tf.nn.tanh, reuse=reuse)
            attention = tf.layers.dense(attention, 1, activation=None, reuse=reuse)  # expect: TFV302
        return attention

    def generate_episode(self, memory, q_vec, fact_vecs):
        attentions = []
        for fv in tf.unstack(fact_vecs, axis=1):
            attentions.append(tf.squeeze(self.get_attention(q_vec, memory, fv, bool(attentions)), axis=1))
        attentions = tf.nn.softmax(tf.transpose(tf.stack(attentions)))
        return tf.reduce_sum(fact_vecs * tf.expand_dims(attentions, -1), 1)

    def inference(self):
        return self.generate_episode(self.question, self.question, self.fact_vecs)


config = Config()
model = DMN_PLUS(config)
episode = model.inference()

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {model.fact_vecs: np.ones((2, config.max_sentences, config.hidden_size), np.float32),
            model.question: np.ones((2, config.hidden_size), np.float32)}
    print(sess.run(episode, feed).shape)
