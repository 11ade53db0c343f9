"""An attention mechanism builds its `memory_layer` as a `Dense(name="memory_layer")` object; code that wants to share it calls `scope.reuse_variables()` and builds the mechanism (a second `Dense(name="memory_layer")`) again, which the layer uniquifies to `memory_layer_1`, so reuse asks for a variable that was never made.

Source: https://github.com/tensorflow/tensorflow/issues/10731
Shape: factory, two-calls, scope-reuse, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable main/memory_layer_1/kernel does not exist
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.layers needs tf_keras

import numpy as np  # noqa: F401
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

num_units = 10


def make_memory_layer():
    # what attention_wrapper.py (tf 1.2) does when an attention mechanism is built
    return tf.layers.Dense(num_units, name="memory_layer", use_bias=False)


memory = tf.constant([[1, 2, 3], [4, 5, 6]], dtype=tf.float32)
with tf.variable_scope("main") as scope:
    memory_layer = make_memory_layer()
    keys_train = memory_layer(memory)
    scope.reuse_variables()
    memory_layer = make_memory_layer()
    keys_infer = memory_layer(memory)  # expect: TFV302

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(keys_infer))
