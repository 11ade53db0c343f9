"""The NER trainer's `create_model(sess, Model_class, ...)` helper is called for training and again for testing, but each phase builds its model in a graph of its own (`with tf.Graph().as_default()`), so the second `Model_class(config)` makes fresh `char_embedding/char_embedding` variables without a collision.

Source: https://github.com/yihenglu/chinese-address-segment/issues/3
Shape: class, class-parameter, helper, tf1-graph, session
Target: tf1
Runtime: runs
"""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


class Model:
    def __init__(self, config):
        self.config = config
        self.char_inputs = tf.placeholder(tf.int32, [None, None], name="ChatInputs")
        embedding = self.embedding_layer(self.char_inputs, config)
        with tf.variable_scope("logits"):
            w = tf.get_variable("W", [config["char_dim"], config["num_tags"]])
            self.logits = tf.einsum("bsd,dt->bst", embedding, w)

    def embedding_layer(self, char_inputs, config, name=None):
        with tf.variable_scope("char_embedding" if not name else name):
            self.char_lookup = tf.get_variable(
                name="char_embedding", shape=[config["num_chars"], config["char_dim"]]
            )
            return tf.nn.embedding_lookup(self.char_lookup, char_inputs)


def create_model(session, Model_class, config):
    model = Model_class(config)
    session.run(tf.global_variables_initializer())
    return model


def train_test(config):
    with tf.Graph().as_default():
        with tf.Session() as sess:
            model = create_model(sess, Model, config)
            sess.run(model.logits, {model.char_inputs: np.zeros((2, 5), np.int32)})
    with tf.Graph().as_default():
        with tf.Session() as sess:
            model = create_model(sess, Model, config)
            print(sess.run(model.logits, {model.char_inputs: np.ones((1, 5), np.int32)}).shape)


train_test({"num_chars": 30, "char_dim": 8, "num_tags": 4})
