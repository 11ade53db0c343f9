# A noisy layer makes its weights in call(), sized from its inputs (tensorflow#32729): Keras 3 raises on the
# first call ("You cannot add new elements of state"); the weights belong in build(input_shape).
import keras
import numpy as np
import tensorflow as tf


class NoisyDense(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def call(self, inputs):
        in_dim = inputs.shape[-1]
        self.mu_w = self.add_weight(shape=(in_dim, self.units), initializer="glorot_uniform", name="mu_w")  # expect: TFV402
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")  # expect: TFV402
        noise = tf.random.normal((in_dim, self.units), seed=1) * 0.0
        return tf.matmul(inputs, self.mu_w + noise) + self.bias


keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input((5,)), NoisyDense(3)])
model.compile(optimizer="sgd", loss="mse")
model.fit(np.ones((4, 5), "float32"), np.ones((4, 3), "float32"), epochs=1, verbose=0)
