# Near misses of a subclass storing a weight attribute on `self`: putting the layer's own variable back (Keras 3
# takes it), a plain attribute (`Dense.bias` is no property: the forward pass reads the tensor, fast weights), and
# a subclass that defines its own `kernel` property with a setter.
import numpy as np
import keras
from keras import ops


class PutBack(keras.layers.Dense):
    def call(self, inputs):
        kernel = self.kernel
        self.kernel = kernel
        return super().call(inputs)


class ShiftedBias(keras.layers.Dense):
    def call(self, inputs):
        self.bias = self.bias * 0.0 + 1.0
        return super().call(inputs)


class OwnKernel(keras.layers.Dense):
    @property
    def kernel(self):
        return self._kernel * self.scale

    @kernel.setter
    def kernel(self, value):
        self.scale = value

    def build(self, input_shape):
        self.scale = 1.0
        super().build(input_shape)

    def call(self, inputs):
        self.kernel = 2.0
        return ops.matmul(inputs, self.kernel) + self.bias


def case_put_back():
    return list(PutBack(2)(np.ones((1, 3), "float32")).shape)


def case_shifted_bias():
    return list(ShiftedBias(2)(np.ones((1, 3), "float32")).shape)


def case_own_kernel():
    return list(OwnKernel(2)(np.ones((1, 3), "float32")).shape)
