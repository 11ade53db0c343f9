# A cell made once in `__init__` and held as an attribute, then used by a method for both directions of a
# bidirectional RNN: the two directions share one set of weights.
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


class SentenceEncoder:
    def __init__(self, units):
        self.units = units
        self.cell = tf.nn.rnn_cell.GRUCell(units, name="gru")
        self.cell_bw = tf.nn.rnn_cell.GRUCell(units, name="gru")

    def encode(self, inputs):
        (fw, bw), _ = tf.nn.bidirectional_dynamic_rnn(self.cell, self.cell_bw, inputs, dtype=tf.float32)  # expect: TFV303
        return tf.concat([fw, bw], 2)


def case_both_directions():
    tf.reset_default_graph()
    encoder = SentenceEncoder(4)
    return encoder.encode(tf.placeholder(tf.float32, [None, 5, 3]))
