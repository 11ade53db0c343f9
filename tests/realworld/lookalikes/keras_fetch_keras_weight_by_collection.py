"""The workaround from keras#4220: find a Keras layer's kernel in the graph's trainable-variable collection by its name.

Source: https://github.com/keras-team/keras/issues/4220
Shape: tf1-graph, module, container, notebook-like
Target: tf1
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

img = tf.placeholder(tf.float32, shape=(None, 6))
dense_1 = tf.keras.layers.Dense(4, activation="relu", name="dense_1")
preds = tf.keras.layers.Dense(2, name="dense_2")(dense_1(img))

vardic = {v.name: v for v in tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES)}
W1 = vardic["dense_1/kernel:0"]

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(W1).shape, sess.run(preds, {img: np.zeros((1, 6), "float32")}).shape)

# --- probe ---
print("TFVARFIX-OK" if W1 is dense_1.kernel else "TFVARFIX-BUG")
