"""A pointer-network class makes one GRUCell, runs the encoder with `static_rnn(cell, encoder_inputs)` and hands the same `cell` to a `pointer_decoder` helper that calls it directly on `linear([inp, attns], cell.output_size)` in a `decoder` scope, so the decoder steps use the encoder's kernel, built for a 1-wide input plus the state.

Source: https://github.com/ikostrikov/TensorFlow-Pointer-Networks/issues/7
Shape: class, helper, closure, loop, reuse-variables, encoder-decoder, tf1-graph
Target: tf1
Runtime: raises ValueError: Dimensions must be equal
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

BATCH_SIZE = 4
MAX_STEPS = 3
RNN_SIZE = 8


def linear(args, output_size, bias):
    """The `_linear` of TF 1.x's rnn_cell_impl: one matrix over the concatenated arguments."""
    if not isinstance(args, (list, tuple)):
        args = [args]
    total_arg_size = sum(int(a.get_shape()[1]) for a in args)
    matrix = tf.get_variable("Matrix", [total_arg_size, output_size])
    res = tf.matmul(tf.concat(args, 1), matrix)
    if not bias:
        return res
    return res + tf.get_variable("Bias", [output_size], initializer=tf.constant_initializer(0.0))


def pointer_decoder(decoder_inputs, initial_state, attention_states, cell, feed_prev=True, scope=None):
    with tf.variable_scope(scope or "point_decoder"):
        batch_size = tf.shape(decoder_inputs[0])[0]
        input_size = int(decoder_inputs[0].get_shape()[1])
        attn_length = int(attention_states.get_shape()[1])
        attn_size = int(attention_states.get_shape()[2])

        hidden = tf.reshape(attention_states, [-1, attn_length, 1, attn_size])
        attention_vec_size = attn_size
        k = tf.get_variable("AttnW", [1, 1, attn_size, attention_vec_size])
        hidden_features = tf.nn.conv2d(hidden, k, [1, 1, 1, 1], "SAME")
        v = tf.get_variable("AttnV", [attention_vec_size])

        states = [initial_state]

        def attention(query):
            with tf.variable_scope("Attention"):
                y = linear(query, attention_vec_size, True)
                y = tf.reshape(y, [-1, 1, 1, attention_vec_size])
                return tf.reduce_sum(v * tf.tanh(hidden_features + y), [2, 3])

        outputs = []
        attns = tf.zeros(tf.stack([batch_size, attn_size]))
        attns.set_shape([None, attn_size])
        inps = []
        for i in range(len(decoder_inputs)):
            if i > 0:
                tf.get_variable_scope().reuse_variables()
            inp = decoder_inputs[i]
            if feed_prev and i > 0:
                inp = tf.transpose(tf.stack(decoder_inputs), perm=[1, 0, 2])
                inp = tf.reshape(inp, [-1, attn_length, input_size])
                inp = tf.reduce_sum(inp * tf.reshape(tf.nn.softmax(output), [-1, attn_length, 1]), 1)  # noqa: F821 (set on the previous pass)
                inp = tf.stop_gradient(inp)
                inps.append(inp)
            x = linear([inp, attns], cell.output_size, True)
            cell_output, new_state = cell(x, states[-1])  # expect: TFV303
            states.append(new_state)
            output = attention(new_state)
            outputs.append(output)
    return outputs, states, inps


class PointerNetwork(object):
    def __init__(self, max_len, input_size, size, batch_size, learning_rate):
        self.batch_size = batch_size
        self.learning_rate = tf.Variable(float(learning_rate), trainable=False)
        self.global_step = tf.Variable(0, trainable=False)

        cell = tf.nn.rnn_cell.GRUCell(size)

        self.encoder_inputs = []
        self.decoder_inputs = []
        self.decoder_targets = []
        for i in range(max_len):
            self.encoder_inputs.append(tf.placeholder(tf.float32, [batch_size, input_size], name="EncoderInput%d" % i))
        for i in range(max_len + 1):
            self.decoder_inputs.append(tf.placeholder(tf.float32, [batch_size, input_size], name="DecoderInput%d" % i))
            self.decoder_targets.append(
                tf.placeholder(tf.float32, [batch_size, max_len + 1], name="DecoderTarget%d" % i)
            )

        encoder_outputs, final_state = tf.nn.static_rnn(cell, self.encoder_inputs, dtype=tf.float32)
        encoder_outputs = [tf.zeros([batch_size, size])] + encoder_outputs
        top_states = [tf.reshape(e, [-1, 1, cell.output_size]) for e in encoder_outputs]
        attention_states = tf.concat(axis=1, values=top_states)

        with tf.variable_scope("decoder"):
            outputs, states, _ = pointer_decoder(self.decoder_inputs, final_state, attention_states, cell)
        with tf.variable_scope("decoder", reuse=True):
            predictions, _, inps = pointer_decoder(
                self.decoder_inputs, final_state, attention_states, cell, feed_prev=True
            )
        self.outputs = outputs
        self.predictions = predictions

    def step(self):
        loss = 0.0
        for output, target in zip(self.outputs, self.decoder_targets):
            loss += tf.nn.softmax_cross_entropy_with_logits(logits=output, labels=target)
        self.loss = tf.reduce_mean(loss)
        self.train_op = tf.train.AdamOptimizer(self.learning_rate).minimize(self.loss, global_step=self.global_step)


pointer_network = PointerNetwork(MAX_STEPS, 1, RNN_SIZE, BATCH_SIZE, 1e-2)
pointer_network.step()
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {p: np.random.rand(BATCH_SIZE, 1) for p in pointer_network.encoder_inputs + pointer_network.decoder_inputs}
    for t in pointer_network.decoder_targets:
        feed[t] = np.eye(MAX_STEPS + 1)[np.random.randint(0, MAX_STEPS + 1, BATCH_SIZE)]
    print(sess.run([pointer_network.train_op, pointer_network.loss], feed_dict=feed)[1])
