"""A dialogue CVAE builds its context RNN through a `@staticmethod` helper of its base model class that makes one cell (GRU or LSTM, chosen by a parameter, maybe wrapped in dropout) and stacks `[cell] * num_layer` in a `MultiRNNCell`; with more than one layer the one cell is asked to serve an input of another width.

Source: https://github.com/snakeztc/NeuralDialog-CVAE/issues/5
Shape: class-attribute, helper, parameter, tf1-graph
Target: tf1
Runtime: raises ValueError: Dimensions must be equal
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()
rnn_cell = tf.nn.rnn_cell


class BaseTFModel(object):
    @staticmethod
    def get_rnncell(cell_type, cell_size, keep_prob, num_layer):
        if cell_type == "gru":
            cell = rnn_cell.GRUCell(cell_size)
        else:
            cell = rnn_cell.LSTMCell(cell_size, use_peepholes=False, forget_bias=1.0)
        if keep_prob < 1.0:
            cell = rnn_cell.DropoutWrapper(cell, output_keep_prob=keep_prob)
        if num_layer > 1:
            cell = rnn_cell.MultiRNNCell([cell] * num_layer, state_is_tuple=True)  # expect: TFV303
        return cell


class KgRnnCVAE(BaseTFModel):
    def __init__(self, cxt_cell_size=6, num_layer=2):
        self.input_contexts = tf.placeholder(tf.float32, (None, 4, 10), name="dialog_context")
        with tf.variable_scope("contextRNN"):
            enc_cell = self.get_rnncell("gru", cxt_cell_size, 1.0, num_layer)
            _, self.enc_last_state = tf.nn.dynamic_rnn(enc_cell, self.input_contexts, dtype=tf.float32)


model = KgRnnCVAE()
