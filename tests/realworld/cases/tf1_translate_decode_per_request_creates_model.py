"""A translation web service wraps the seq2seq tutorial's `decode()`: each request opens a session and calls `create_model()`, whose model makes `proj_w` with `get_variable` in the one default graph; the second request fails.

Source: https://github.com/tensorflow/tensorflow/issues/2975
Shape: helper, class, loop, tf1-graph, session
Target: tf1
Runtime: raises ValueError: Variable proj_w already exists
"""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

size = 8
target_vocab_size = 12


class Seq2SeqModel:
    def __init__(self, source_vocab_size, target_vocab_size, size, forward_only=False):
        self.encoder_inputs = tf.placeholder(tf.int32, shape=[None], name="encoder")
        w = tf.get_variable("proj_w", [size, target_vocab_size])
        b = tf.get_variable("proj_b", [target_vocab_size])
        embedding = tf.get_variable("embedding", [source_vocab_size, size])
        hidden = tf.nn.embedding_lookup(embedding, self.encoder_inputs)
        self.outputs = tf.matmul(hidden, w) + b


def create_model(session, forward_only):
    model = Seq2SeqModel(10, target_vocab_size, size, forward_only=forward_only)
    session.run(tf.global_variables_initializer())
    return model


def decode(sentence):
    with tf.Session() as sess:
        model = create_model(sess, True)
        token_ids = [int(tok) % 10 for tok in sentence.split()]
        output_logits = sess.run(model.outputs, {model.encoder_inputs: token_ids})
        return [int(np.argmax(logit)) for logit in output_logits]


# the REST handler calls decode() once per request
for request in ["1 2 3", "4 5 6"]:
    print(decode(request))  # expect: TFV304
