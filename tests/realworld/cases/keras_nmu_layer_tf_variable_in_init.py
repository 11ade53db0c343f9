"""A neural-arithmetic (NMU) custom layer makes its weight as a bare `tf.Variable` in `__init__`; Keras 3 does not track it, so the layer has no trainable weights and `fit` never changes the gate.

Source: https://github.com/keras-team/keras/issues/15470
Shape: subclassed, class-attribute, sequential
Target: keras3
Runtime: silent: the NMU weight is not in trainable_weights and keeps its initial value after fit
"""

import numpy as np
import tensorflow as tf
import keras


def w_initialization(shape):
    return tf.random.uniform(shape, 0.25, 0.75)


class NMU(keras.layers.Layer):
    def __init__(self, output_dim, input_dim):
        super().__init__()
        self.weight = tf.Variable(w_initialization([input_dim, output_dim]), dtype="float32", name="weight", trainable=True)  # expect: TFV106

    def call(self, inputs):
        W = tf.minimum(tf.maximum(self.weight, 0.0), 1.0)
        output = (inputs[:, :, None] * W) + 1 - W
        return tf.reduce_prod(output, axis=1)


model = keras.Sequential([keras.Input((2,)), NMU(2, 2)])
model.compile(loss="mse", optimizer=keras.optimizers.RMSprop(0.01))
before = model.layers[0].weight.numpy().copy()
x = np.random.randint(1, 10, (8, 2)).astype("float32")
model.fit(x, np.stack([x[:, 0] * x[:, 1]] * 2, axis=1), epochs=1, verbose=0)

# --- probe ---
print("TFVARFIX-BUG" if not model.trainable_weights and np.array_equal(before, model.layers[0].weight.numpy()) else "TFVARFIX-OK")
