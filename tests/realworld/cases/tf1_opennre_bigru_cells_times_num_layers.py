"""A relation-extraction network class stacks its forward and backward GRUs as `MultiRNNCell([gru_cell_forward] * settings.num_layers)`: each stack repeats one cell, whose kernel was made for the word+position embedding width, so the second layer cannot take the first layer's output.

Source: https://github.com/thunlp/OpenNRE/issues/37
Shape: class, settings-object, bidirectional, attribute, tf1-graph
Target: tf1
Runtime: raises ValueError: Dimensions must be equal
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class Settings(object):
    def __init__(self):
        self.vocab_size = 50
        self.num_steps = 7
        self.gru_size = 12
        self.keep_prob = 0.5
        self.num_layers = 2
        self.pos_size = 5
        self.pos_num = 20
        self.big_num = 4


class GRU:
    def __init__(self, is_training, word_embeddings, settings):
        self.num_steps = num_steps = settings.num_steps
        gru_size = settings.gru_size
        self.big_num = big_num = settings.big_num
        self.input_word = tf.placeholder(dtype=tf.int32, shape=[None, num_steps], name="input_word")
        self.input_pos1 = tf.placeholder(dtype=tf.int32, shape=[None, num_steps], name="input_pos1")
        self.input_pos2 = tf.placeholder(dtype=tf.int32, shape=[None, num_steps], name="input_pos2")
        word_embedding = tf.get_variable(initializer=word_embeddings, name="word_embedding")
        pos1_embedding = tf.get_variable("pos1_embedding", [settings.pos_num, settings.pos_size])
        pos2_embedding = tf.get_variable("pos2_embedding", [settings.pos_num, settings.pos_size])

        gru_cell_forward = tf.nn.rnn_cell.GRUCell(gru_size)
        gru_cell_backward = tf.nn.rnn_cell.GRUCell(gru_size)
        if is_training and settings.keep_prob < 1:
            gru_cell_forward = tf.nn.rnn_cell.DropoutWrapper(gru_cell_forward, output_keep_prob=settings.keep_prob)
            gru_cell_backward = tf.nn.rnn_cell.DropoutWrapper(gru_cell_backward, output_keep_prob=settings.keep_prob)
        cell_forward = tf.nn.rnn_cell.MultiRNNCell([gru_cell_forward] * settings.num_layers)  # expect: TFV303
        cell_backward = tf.nn.rnn_cell.MultiRNNCell([gru_cell_backward] * settings.num_layers)  # expect: TFV303

        self._initial_state_forward = cell_forward.zero_state(big_num, tf.float32)
        self._initial_state_backward = cell_backward.zero_state(big_num, tf.float32)
        inputs_forward = tf.concat(axis=2, values=[tf.nn.embedding_lookup(word_embedding, self.input_word),
                                                   tf.nn.embedding_lookup(pos1_embedding, self.input_pos1),
                                                   tf.nn.embedding_lookup(pos2_embedding, self.input_pos2)])
        inputs_backward = tf.reverse(inputs_forward, [1])
        outputs_forward = []
        state_forward = self._initial_state_forward
        with tf.variable_scope("GRU_FORWARD"):
            for step in range(num_steps):
                if step > 0:
                    tf.get_variable_scope().reuse_variables()
                (cell_output_forward, state_forward) = cell_forward(inputs_forward[:, step, :], state_forward)
                outputs_forward.append(cell_output_forward)
        outputs_backward = []
        state_backward = self._initial_state_backward
        with tf.variable_scope("GRU_BACKWARD"):
            for step in range(num_steps):
                if step > 0:
                    tf.get_variable_scope().reuse_variables()
                (cell_output_backward, state_backward) = cell_backward(inputs_backward[:, step, :], state_backward)
                outputs_backward.append(cell_output_backward)
        self.output_h = tf.add(outputs_forward[-1], outputs_backward[-1])


settings = Settings()
wordembedding = np.random.rand(settings.vocab_size, 10).astype("float32")
with tf.Graph().as_default(), tf.Session() as sess:
    with tf.variable_scope("model"):
        m = GRU(is_training=True, word_embeddings=wordembedding, settings=settings)
    sess.run(tf.global_variables_initializer())
    feed = {m.input_word: np.zeros((4, 7)), m.input_pos1: np.zeros((4, 7)), m.input_pos2: np.zeros((4, 7))}
    print(sess.run(m.output_h, feed).shape)
