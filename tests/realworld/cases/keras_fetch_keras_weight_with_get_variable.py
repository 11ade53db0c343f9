"""Uses Keras layers as a TF1 graph's building blocks, then asks get_variable (reuse=True) for a layer's kernel by its name.

Source: https://github.com/keras-team/keras/issues/4220
Shape: tf1-graph, module, notebook-like
Target: tf1
Runtime: raises ValueError: Variable dense_1/kernel does not exist
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

img = tf.placeholder(tf.float32, shape=(None, 6))
x = tf.keras.layers.Dense(4, activation="relu", name="dense_1")(img)
preds = tf.keras.layers.Dense(2, name="dense_2")(x)
print([v.name for v in tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES)])

with tf.variable_scope("", reuse=True):
    W1 = tf.get_variable("dense_1/kernel")  # expect: TFV101

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(W1).shape, sess.run(preds, {img: np.zeros((1, 6), "float32")}).shape)
