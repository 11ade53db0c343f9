"""A joint intent/slot model builds its forward and its backward stack by calling one nested `create_cell()` twice, each making a `MultiRNNCell` of fresh BasicLSTMCells from a lambda in a comprehension (optionally dropout-wrapped), and runs them through `static_bidirectional_rnn`: every layer of each direction owns its weights.

Source: https://github.com/HadoopIt/rnn-nlu/blob/master/multi_task_model.py
Shape: class-attribute, nested-helper, lambda-factory-comprehension, conditional-wrap, bidirectional, static-rnn-list-inputs, tf1-graph
Target: tf1
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

BasicLSTMCell = tf.nn.rnn_cell.BasicLSTMCell
MultiRNNCell = tf.nn.rnn_cell.MultiRNNCell
DropoutWrapper = tf.nn.rnn_cell.DropoutWrapper
static_bidirectional_rnn = tf.nn.static_bidirectional_rnn


class MultiTaskModel:
    def __init__(self, source_vocab_size, label_vocab_size, seq_len, word_embedding_size, size, num_layers,
                 max_gradient_norm, dropout_keep_prob=1.0, forward_only=False):
        self.source_vocab_size = source_vocab_size
        self.label_vocab_size = label_vocab_size
        self.word_embedding_size = word_embedding_size
        self.cell_size = size
        self.num_layers = num_layers
        self.global_step = tf.Variable(0, trainable=False)

        # Create the internal multi-layer cell for our RNN.
        def create_cell():
            if not forward_only and dropout_keep_prob < 1.0:
                single_cell = lambda: BasicLSTMCell(self.cell_size)  # noqa: E731
                cell = MultiRNNCell([single_cell() for _ in range(self.num_layers)])
                cell = DropoutWrapper(cell, input_keep_prob=dropout_keep_prob, output_keep_prob=dropout_keep_prob)
            else:
                single_cell = lambda: BasicLSTMCell(self.cell_size)  # noqa: E731
                cell = MultiRNNCell([single_cell() for _ in range(self.num_layers)])
            return cell

        self.cell_fw = create_cell()
        self.cell_bw = create_cell()

        self.sequence_length = tf.placeholder(tf.int32, [None], name="sequence_length")
        self.encoder_inputs = [tf.placeholder(tf.int32, shape=[None], name=f"encoder{i}") for i in range(seq_len)]
        self.label = tf.placeholder(tf.int32, shape=[None], name="label")

        encoder_state = self.generate_rnn_output()
        with tf.variable_scope("intent"):
            w = tf.get_variable("w", [4 * self.cell_size, self.label_vocab_size])
            b = tf.get_variable("b", [self.label_vocab_size], initializer=tf.zeros_initializer())
            logits = tf.matmul(encoder_state, w) + b
        self.loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=self.label, logits=logits))

        params = tf.trainable_variables()
        if not forward_only:
            opt = tf.train.AdamOptimizer()
            gradients = tf.gradients(self.loss, params)
            clipped_gradients, norm = tf.clip_by_global_norm(gradients, max_gradient_norm)
            self.gradient_norm = norm
            self.update = opt.apply_gradients(zip(clipped_gradients, params), global_step=self.global_step)
        self.saver = tf.train.Saver(tf.global_variables())

    def generate_rnn_output(self):
        with tf.variable_scope("generate_seq_output"):
            embedding = tf.get_variable("embedding", [self.source_vocab_size, self.word_embedding_size])
            encoder_emb_inputs = [tf.nn.embedding_lookup(embedding, encoder_input) for encoder_input in self.encoder_inputs]
            rnn_outputs = static_bidirectional_rnn(self.cell_fw, self.cell_bw, encoder_emb_inputs, sequence_length=self.sequence_length, dtype=tf.float32)
            encoder_outputs, encoder_state_fw, encoder_state_bw = rnn_outputs
            # with num_layers > 1, the last layer's state is the encoder state
            state_fw = encoder_state_fw[-1]
            state_bw = encoder_state_bw[-1]
            return tf.concat([tf.concat(state_fw, 1), tf.concat(state_bw, 1)], 1)


seq_len = 4
model = MultiTaskModel(source_vocab_size=20, label_vocab_size=3, seq_len=seq_len, word_embedding_size=5, size=6,
                       num_layers=2, max_gradient_norm=5.0, dropout_keep_prob=0.5)
rng = np.random.RandomState(0)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {model.sequence_length: np.array([4, 3])}
    for i in range(seq_len):
        feed[model.encoder_inputs[i]] = rng.randint(0, 20, 2)
    feed[model.label] = np.array([0, 2])
    _, loss = sess.run([model.update, model.loss], feed)
    print("loss", loss)

names = [v.name for v in tf.trainable_variables()]
print(names)

# --- probe ---
wanted = [f"{d}/multi_rnn_cell/cell_{i}/basic_lstm_cell/kernel" for d in ("fw", "bw") for i in range(2)]
print("TFVARFIX-OK" if all(any(w in n for n in names) for w in wanted) else "TFVARFIX-BUG")
