"""An Estimator-style `model_fn` helper loads a pre-trained matrix into a Keras `Embedding(..., weights=[m], trainable=False)` inside a TF1 graph; Keras writes `m` in its own session when the layer builds, but the training session runs the graph's variable initializers, so the lookup returns random vectors instead of `m`.

Source: https://github.com/tensorflow/tensorflow/issues/14392
Shape: helper, parameter, tf1-graph, session
Target: tf_keras
Runtime: silent: the embedding lookup in the training session returns the random initializer's values, not the rows of m
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf
from tf_keras.layers import Dense, Embedding

tf.compat.v1.disable_eager_execution()


def model_fn(features, labels, mode):
    # Let m be our pre-trained word embeddings
    m = np.array([[1, 2], [3, 4]], np.float32)
    with tf.compat.v1.name_scope("Embedding_Layer"):
        n = Embedding(2, 2, weights=[m], input_length=1, name="embedding_matrix_1", trainable=False)  # expect: TFV201
    lookup = n(features)
    preds = Dense(1)(lookup)
    loss = tf.reduce_mean(labels - preds)
    train_op = tf.compat.v1.train.GradientDescentOptimizer(0.01).minimize(
        loss, tf.compat.v1.train.get_or_create_global_step()
    )
    return lookup, loss, train_op


x = tf.constant([[1]])
labels = tf.constant([[10.0]])
lookup, loss, train_op = model_fn(x, labels, "train")
with tf.compat.v1.train.MonitoredTrainingSession() as sess:
    row = sess.run(lookup)
print(row)
if not np.allclose(row.reshape(-1), [3.0, 4.0]):
    print("TFVARFIX-BUG: the lookup of id 1 is not the pre-trained row [3, 4]")
