"""The report's Estimator-style `model_fn`, with the pre-trained matrix given as the Embedding's initializer (`embeddings_initializer=Constant(m)`) instead of `weights=[m]`: the training session's initializer op runs that initializer, so the lookup returns the rows of `m`.

Source: https://github.com/tensorflow/tensorflow/issues/14392
Shape: helper, parameter, tf1-graph, session
Target: tf_keras
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf
from tf_keras.initializers import Constant
from tf_keras.layers import Dense, Embedding

tf.compat.v1.disable_eager_execution()


def model_fn(features, labels, mode):
    m = np.array([[1, 2], [3, 4]], np.float32)
    with tf.compat.v1.name_scope("Embedding_Layer"):
        n = Embedding(
            2,
            2,
            embeddings_initializer=Constant(m),
            input_length=1,
            name="embedding_matrix_1",
            trainable=False,
        )
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
assert np.allclose(row.reshape(-1), [3.0, 4.0]), row
