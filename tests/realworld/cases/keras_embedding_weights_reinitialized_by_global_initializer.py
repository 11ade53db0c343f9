"""A Keras `Embedding(3, 3, weights=[vec], trainable=False)` is used as part of a TF graph: Keras writes `vec` into the layer when it is built, but the script then runs `tf.global_variables_initializer()` in its own Session, which re-runs the layer's random initializer, so the lookup returns random vectors instead of `vec`.

Source: https://github.com/keras-team/keras/issues/7697
Shape: module, tf1-graph, session, functional
Target: tf_keras
Runtime: silent: the embedding lookup returns random values, not the pre-trained rows
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()

from tensorflow.keras.layers import Embedding, Input  # noqa: E402  (after disable_eager_execution, as reported)

vec = np.array([[0, 0, 0], [1, 1, 1], [2, 2, 2]])
inp = Input((3,))
x = Embedding(3, 3, weights=[vec], input_length=3, trainable=False)(inp)  # expect: TFV201
sess = tf.compat.v1.Session()
sess.run(tf.compat.v1.global_variables_initializer())  # this should not be required as Embedding should not be initializing any new weights ?
out = sess.run(x, {inp: [[1, 2, 0], [1, 0, 0]]})
print(out)

if not np.allclose(out, vec[[[1, 2, 0], [1, 0, 0]]]):
    print("TFVARFIX-BUG: the lookup does not return the pre-trained rows")
