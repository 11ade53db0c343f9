"""A wrapper around Conv2D creates the kernel itself, to reuse it later, and assigns it over the built layer's kernel.

Source: https://github.com/tensorflow/tensorflow/issues/19108
Shape: subclassed, class-attribute, parameter
Target: keras3
Runtime: raises ValueError: You cannot add new elements of state (variables or sub-layers) to a layer that is already built
"""

import keras
import tensorflow as tf


class SharedKernelConv(keras.layers.Layer):
    def __init__(self, filters, kernel_size, **kwargs):
        super().__init__(**kwargs)
        self.filters = filters
        self.kernel_size = kernel_size
        self.conv = keras.layers.Conv2D(filters, kernel_size, padding="same")

    def build(self, input_shape):
        self.layer_weights = self.add_weight(
            name="shared_kernel", shape=(self.kernel_size, self.kernel_size, input_shape[-1], self.filters)
        )
        self.conv.build(input_shape)
        self.conv.kernel = self.layer_weights  # expect: TFV105

    def call(self, x):
        return self.conv(x)


layer = SharedKernelConv(2, 3)
print(layer(tf.zeros((1, 5, 5, 3))).shape)
