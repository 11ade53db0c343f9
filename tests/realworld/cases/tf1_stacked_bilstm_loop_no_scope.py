"""A text classifier stacks bidirectional LSTM layers in a loop over the layer sizes; without a `scope=` per layer every iteration's fresh cells land in the default `bidirectional_rnn` scope.

Source: https://github.com/tianyunzqs/text_classifier_tasks/blob/master/task_BiLSTM_Attention/text_lstm.py
Shape: class-attribute, loop, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable bidirectional_rnn/fw/lstm_cell/kernel already exists, disallowed
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class TextLSTM:
    # The author's comment in the source: without scope="bilstm" + str(idx) this error appears.
    def __init__(self, vocab_size, num_embedding_size, num_lstm_nodes, num_classes):
        self.inputs = tf.placeholder(tf.int32, [None, None], name="input")
        self.keep_prob = tf.placeholder_with_default(1.0, [], name="keep_prob")

        with tf.variable_scope("embedding"):
            embeddings = tf.get_variable("embedding", [vocab_size, num_embedding_size], tf.float32)
            embed_outputs = tf.nn.embedding_lookup(embeddings, self.inputs)

        with tf.name_scope("bilstm_layer"):
            for idx, lstm_hidden_size in enumerate(num_lstm_nodes):
                with tf.name_scope("bilstm-{0}".format(idx)):
                    lstm_fw_cell = tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.LSTMCell(lstm_hidden_size), output_keep_prob=self.keep_prob)
                    lstm_bw_cell = tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.LSTMCell(lstm_hidden_size), output_keep_prob=self.keep_prob)
                    outputs, _ = tf.nn.bidirectional_dynamic_rnn(cell_fw=lstm_fw_cell, cell_bw=lstm_bw_cell, inputs=embed_outputs, dtype=tf.float32)  # expect: TFV301
                    embed_outputs = tf.concat(outputs, 2)

        with tf.variable_scope("output"):
            last = embed_outputs[:, -1, :]
            output_w = tf.get_variable("output_w", [2 * num_lstm_nodes[-1], num_classes])
            self.logits = tf.matmul(last, output_w)


model = TextLSTM(vocab_size=10, num_embedding_size=3, num_lstm_nodes=[4, 4], num_classes=2)
print(model.logits)
