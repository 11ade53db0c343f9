"""The training script of the address segmenter: it builds the model through `create_model` for training, then, for the evaluation pass, calls `create_model` again into the same default graph; the second `Model` makes `char_embedding/char_embedding` again.

Source: https://github.com/yihenglu/chinese-address-segment/issues/3
Shape: class-attribute, helper, parameter, tf1-graph, two-module
Target: tf1
Runtime: raises ValueError: Variable char_embedding/char_embedding already exists, disallowed
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import tensorflow.compat.v1 as tf

from model import Model
from utils import create_model

config = {"num_chars": 30, "char_dim": 8, "seg_dim": 2, "num_tags": 5}


def train_test(config):
    with tf.Session() as sess:
        model = create_model(sess, Model, config)
        # ... training steps ...
        eval_model = create_model(sess, Model, config)  # expect: TFV304
        return model, eval_model


train_test(config)
