"""A temporal-proposal model class builds its video encoder in a method, reading sizes from an `options` dict: it wraps one `LSTMCell` in a `DropoutWrapper` and stacks that one object `options['num_rnn_layers']` times with `MultiRNNCell([cell] * n)`; the second layer gets the first layer's kernel, made for the 500-wide video features.

Source: https://github.com/JaywongWang/SST-Tensorflow/pull/5
Shape: class-method, class-attribute, dict-config, tf1-graph
Target: tf1
Runtime: raises ValueError: Dimensions must be equal
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class ProposalModel(object):
    def __init__(self, options):
        self.options = options
        self.initializer = tf.random_uniform_initializer(
            minval=-self.options["init_scale"], maxval=self.options["init_scale"]
        )

    def build_proposal_inference(self, reuse=False):
        inputs = {}
        outputs = {}
        video_feat = tf.placeholder(tf.float32, [None, None, self.options["video_feat_dim"]], name="video_feat")
        inputs["video_feat"] = video_feat
        dropout = tf.placeholder_with_default(1.0, [], name="dropout")
        inputs["dropout"] = dropout

        rnn_cell_video = tf.nn.rnn_cell.LSTMCell(
            num_units=self.options["rnn_size"], state_is_tuple=True, initializer=self.initializer
        )
        rnn_cell_video = tf.nn.rnn_cell.DropoutWrapper(
            rnn_cell_video, input_keep_prob=dropout, output_keep_prob=dropout
        )
        multi_rnn_cell_video = tf.nn.rnn_cell.MultiRNNCell(
            [rnn_cell_video] * self.options["num_rnn_layers"], state_is_tuple=True  # expect: TFV303
        )
        with tf.variable_scope("proposal_module", reuse=reuse):
            rnn_outputs, _ = tf.nn.dynamic_rnn(multi_rnn_cell_video, video_feat, dtype=tf.float32)
        outputs["rnn_outputs"] = rnn_outputs
        return inputs, outputs


options = {"init_scale": 0.1, "video_feat_dim": 500, "rnn_size": 128, "num_rnn_layers": 2}
model = ProposalModel(options)
inputs, outputs = model.build_proposal_inference()
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {inputs["video_feat"]: np.zeros((1, 3, 500), np.float32)}
    print(sess.run(outputs["rnn_outputs"], feed).shape)
