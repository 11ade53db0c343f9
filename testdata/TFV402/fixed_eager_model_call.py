# A functional model holding a layer whose `call()` makes a Dense, called eagerly on each step of a plain
# training loop (scrabble-gan#7: NonLocalBlock in a generator, its train_step's `@tf.function` commented out),
# then saved in the TensorFlow format, which traces the call: the Dense is made anew on every call (its weights
# never trained), and the save raises `tf.function only supports singleton tf.Variables`.
import os
import tempfile

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf
import tf_keras as keras


class Gate(keras.layers.Layer):
    def build(self, input_shape):
        self.dense = keras.layers.Dense(4, activation="sigmoid")

    def call(self, x):
        return x * self.dense(x)  # expect: TFV402


inputs = keras.Input((4,))
model = keras.Model(inputs, keras.layers.Dense(1)(Gate()(inputs)))
optimizer = keras.optimizers.Adam()
for _ in range(2):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(model(np.ones((2, 4), "float32")))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
model.save(os.path.join(tempfile.mkdtemp(), "gated"), save_format="tf")
