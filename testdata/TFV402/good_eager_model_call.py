# Near miss of bad_eager_model_call.py: the layer makes its Dense once, in `__init__`, and only calls it in
# `call()`: the eager training loop trains it and the TensorFlow-format save writes it.
import os
import tempfile

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf
import tf_keras as keras


class Gate(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.gate = keras.layers.Dense(4, activation="sigmoid")

    def call(self, x):
        return x * self.gate(x)


inputs = keras.Input((4,))
model = keras.Model(inputs, keras.layers.Dense(1)(Gate()(inputs)))
optimizer = keras.optimizers.Adam()
for _ in range(2):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(model(np.ones((2, 4), "float32")))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
model.save(os.path.join(tempfile.mkdtemp(), "gated"), save_format="tf")
