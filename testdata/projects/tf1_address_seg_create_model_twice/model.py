"""The model module of a Chinese address segmenter: a class that builds its TF1 graph in `__init__`, the char embedding made by an `embedding_layer` method under `variable_scope("char_embedding")` (no reuse).

Source: https://github.com/yihenglu/chinese-address-segment/issues/3
Shape: class-attribute, helper, tf1-graph, two-module
Target: tf1
Runtime: raises ValueError: Variable char_embedding/char_embedding already exists, disallowed
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class Model(object):
    def __init__(self, config):
        self.config = config
        self.char_inputs = tf.placeholder(tf.int32, [None, None], name="ChatInputs")
        self.seg_inputs = tf.placeholder(tf.int32, [None, None], name="SegInputs")
        embedding = self.embedding_layer(self.char_inputs, self.seg_inputs, config)
        self.logits = tf.layers.dense(embedding, config["num_tags"], name="project")

    def embedding_layer(self, char_inputs, seg_inputs, config, name=None):
        embedding = []
        with tf.variable_scope("char_embedding" if not name else name):
            self.char_lookup = tf.get_variable(name="char_embedding", shape=[config["num_chars"], config["char_dim"]])
            embedding.append(tf.nn.embedding_lookup(self.char_lookup, char_inputs))
            with tf.variable_scope("seg_embedding"):
                self.seg_lookup = tf.get_variable(name="seg_embedding", shape=[4, config["seg_dim"]])
                embedding.append(tf.nn.embedding_lookup(self.seg_lookup, seg_inputs))
        return tf.concat(embedding, axis=-1)
