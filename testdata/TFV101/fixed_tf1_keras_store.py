# TF1 graph code asks `get_variable` (with reuse) for a Keras layer's weight by its name (keras#4220): Keras
# layers keep their variables outside TF1's variable store, so the store has no `dense_1/kernel` and raises.
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import tensorflow.compat.v1 as tf  # noqa: E402

tf.disable_v2_behavior()


def case_unbound_layer():
    tf.reset_default_graph()
    images = tf.placeholder(tf.float32, [None, 6])
    features = tf.keras.layers.Dense(2, name="dense_1")(images)
    with tf.variable_scope("", reuse=True):
        return [v for v in tf.global_variables() if v.name == "dense_1/kernel:0"][0], features  # expect: TFV101


def case_bound_layer():
    tf.reset_default_graph()
    images = tf.placeholder(tf.float32, [None, 6])
    head = tf.keras.layers.Dense(3, name="head")
    scores = head(images)
    with tf.variable_scope("", reuse=True):
        return head.bias, scores  # expect: TFV101
