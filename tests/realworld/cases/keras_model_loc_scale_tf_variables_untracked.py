"""A subclassed `keras.Model` keeps the location and the (softplus-transformed) scale of a per-item Normal as `tf.Variable` attributes made in `__init__`; a Keras 3 model tracks only Keras variables, so neither is in `model.trainable_weights` and `fit` trains nothing.

Source: https://github.com/tensorflow/probability/issues/946
Shape: subclassed, class-attribute, fit
Target: keras3
Runtime: silent: the model has no trainable weights, so fit leaves loc and scale at their start values
"""

import numpy as np
import tensorflow as tf
import keras


class Model(keras.Model):
    def __init__(self):
        super().__init__()
        self.loc = tf.Variable(tf.ones(shape=[5]), name="loc")  # expect: TFV106
        self.raw_scale = tf.Variable(tf.zeros(shape=[5]), name="scale")  # expect: TFV106

    def call(self, inputs):
        scale = tf.nn.softplus(self.raw_scale)
        noise = tf.random.normal(tf.shape(self.loc))
        samples = self.loc + scale * noise
        return tf.gather(samples, tf.cast(tf.reshape(inputs, [-1]), tf.int32))


model = Model()
model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
items = np.array([0, 1, 2, 3, 4] * 8, dtype="int32")
targets = np.full((40,), 3.0, dtype="float32")
model.fit(items, targets, epochs=2, batch_size=8, verbose=0)
print(model.trainable_weights)
if not model.trainable_weights and np.allclose(model.loc.numpy(), 1.0):
    print("TFVARFIX-BUG: loc and scale are not model weights and were never trained")
