# TF1 graph code: values given in weights=[...] are written when the layer is built, and a
# global_variables_initializer() run afterwards re-runs every initializer (keras#7697).
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()

vec = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0]], "float32")
kernel = np.full((2, 1), 0.5, "float32")
inp = tf.keras.Input((3,))
emb = tf.keras.layers.Embedding(
    3, 2, embeddings_initializer=tf.keras.initializers.Constant(vec), trainable=False
)(inp)  # expect: TFV201
out = tf.keras.layers.Dense(
    1,
    kernel_initializer=tf.keras.initializers.Constant(kernel),
    bias_initializer=tf.keras.initializers.Constant(np.zeros(1, "float32")),
)(emb)  # expect: TFV201
sess = tf.compat.v1.Session()
sess.run(tf.compat.v1.global_variables_initializer())
rows, scores = sess.run([emb, out], {inp: [[1, 2, 0]]})
