"""An add-ons style WeightNormalization wrapper keeps the wrapped Conv1D's built kernel as its direction `v`, and on every call writes the normalised `g * v / ||v||` back over `self.layer.kernel` before calling the inner layer; under Keras 3 the Conv1D kernel is a read-only property.

Source: https://github.com/tensorflow/addons/issues/2869
Shape: subclassed, wrapper, class-attribute, sequential
Target: keras3
Runtime: raises AttributeError: property 'kernel' of 'Conv1D' object has no setter
"""

import numpy as np
import tensorflow as tf


class WeightNormalization(tf.keras.layers.Wrapper):
    def __init__(self, layer, **kwargs):
        super().__init__(layer, **kwargs)

    def build(self, input_shape):
        if not self.layer.built:
            self.layer.build(input_shape)
        if not hasattr(self.layer, "kernel"):
            raise ValueError("WeightNormalization must wrap a layer that has a `kernel`")
        kernel = self.layer.kernel
        self.kernel_norm_axes = list(range(len(kernel.shape) - 1))
        self.layer_depth = int(kernel.shape[-1])
        self.v = kernel
        self.g = self.add_weight(name="g", shape=(self.layer_depth,), initializer="ones", trainable=True)
        super().build(input_shape)

    def call(self, inputs):
        kernel = tf.nn.l2_normalize(self.v, axis=self.kernel_norm_axes) * self.g
        self.layer.kernel = kernel  # expect: TFV105
        return self.layer(inputs)

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)


max_words = 20
model = tf.keras.models.Sequential()
model.add(tf.keras.Input((max_words,)))
model.add(tf.keras.layers.Embedding(100, 8))
model.add(WeightNormalization(tf.keras.layers.Conv1D(4, 3, activation="relu")))
model.add(tf.keras.layers.MaxPooling1D(2, 2))
model.add(tf.keras.layers.Flatten())
model.add(tf.keras.layers.Dense(1, activation="sigmoid"))
model.compile(optimizer=tf.keras.optimizers.Adam(1e-3), loss="binary_crossentropy")

x = np.random.randint(0, 100, size=(16, max_words))
y = np.random.randint(0, 2, size=(16, 1))
model.fit(x, y, epochs=1, batch_size=8, verbose=0)
