# Near misses in TF1 graph code: weights=[...] read through Keras's own session (no initializer runs after the
# build), and an initializer run before the layer that is given its values is made.
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()

vec = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0]], "float32")
inp = tf.keras.Input((3,))
sess = tf.compat.v1.Session()
sess.run(tf.compat.v1.global_variables_initializer())
emb = tf.keras.layers.Embedding(3, 2, weights=[vec], trainable=False)(inp)
rows = tf.compat.v1.keras.backend.get_session().run(emb, {inp: [[1, 2, 0]]})
