# TF1 graph code: values given in weights=[...] are written when the layer is built, and the monitored session
# made afterwards runs every variable's initializer itself (tensorflow#14392: an Estimator-style model_fn).
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()

vec = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0]], "float32")


def model_fn(features):
    embedding = tf.keras.layers.Embedding(
        3, 2, embeddings_initializer=tf.keras.initializers.Constant(vec), trainable=False
    )  # expect: TFV201
    return embedding(features)


inp = tf.keras.Input((3,))
emb = model_fn(inp)
with tf.compat.v1.train.MonitoredTrainingSession() as sess:
    rows = sess.run(emb, {inp: [[1, 2, 0]]})
