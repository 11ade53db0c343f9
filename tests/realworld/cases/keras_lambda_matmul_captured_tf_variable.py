"""To get a trainable (64, 128) matrix B in a functional model, a `tf.Variable` is made at module level and multiplied in a `Lambda`; the model does not own B, so `fit` never trains it.

Source: https://github.com/tensorflow/tensorflow/issues/30587
Shape: module-level, functional, lambda, closure
Target: keras3
Runtime: silent: B is not among model.trainable_weights and keeps its initial value after fit
"""

import numpy as np
import tensorflow as tf
import keras

B = tf.Variable(tf.random.normal((64, 128)))  # expect: TFV106
A = keras.Input(shape=(128,))
out = keras.layers.Lambda(lambda x: tf.matmul(x, B, transpose_b=True), output_shape=(64,))(A)
model = keras.Model(inputs=A, outputs=out)
model.compile(optimizer="sgd", loss="mse")
before = B.numpy().copy()
model.fit(np.random.rand(8, 128).astype("float32"), np.random.rand(8, 64).astype("float32"), epochs=1, verbose=0)

if len(model.trainable_weights) == 0 or np.allclose(before, B.numpy()):
    print("TFVARFIX-BUG: B is not trained:", len(model.trainable_weights), "trainable weights")
