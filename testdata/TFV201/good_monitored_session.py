# Near misses in TF1 graph code run by a monitored session: the values given to the layer's initializer (the
# session's initializer op runs it), and weights=[...] read through Keras's own session, with no monitored
# session made after the build.
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()

vec = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0]], "float32")


def model_fn(features):
    embedding = tf.keras.layers.Embedding(
        3, 2, embeddings_initializer=tf.keras.initializers.Constant(vec), trainable=False
    )
    return embedding(features)


inp = tf.keras.Input((3,))
emb = model_fn(inp)
with tf.compat.v1.train.MonitoredTrainingSession() as sess:
    rows = sess.run(emb, {inp: [[1, 2, 0]]})

with tf.Graph().as_default():
    other = tf.keras.Input((3,))
    looked_up = tf.keras.layers.Embedding(3, 2, weights=[vec], trainable=False)(other)
    kept_rows = tf.compat.v1.keras.backend.get_session().run(looked_up, {other: [[1, 2, 0]]})
