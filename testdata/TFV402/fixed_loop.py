# Weights made in call() in a loop over a count known in __init__ (a cross network, LightCTR#5), bound to
# locals, or next to a build the class has: they move into build(input_shape), one list attribute per loop
# weight, and call() reads them from the attributes.
import keras
import numpy as np
from keras import ops


class Cross(keras.layers.Layer):
    def __init__(self, layers_num=2, **kwargs):
        super().__init__(**kwargs)
        self.layers_num = layers_num

    def build(self, input_shape):
        dim = input_shape[-1]
        self.kernels = []
        self.biases = []
        for i in range(self.layers_num):
            self.kernels.append(self.add_weight(shape=(dim, 1), initializer="glorot_uniform", name=f"kernel_{i}"))
            self.biases.append(self.add_weight(shape=(dim, 1), initializer="zeros", name=f"bias_{i}"))
        self.logit = self.add_weight(shape=(dim, 1), initializer="ones", name="logit")

    def call(self, inputs):
        dim = inputs.shape[-1]
        x0 = ops.expand_dims(inputs, axis=-1)
        x = ops.transpose(x0, [0, 2, 1])
        for i in range(self.layers_num):
            kernel = self.kernels[i]  # expect: TFV402
            bias = self.biases[i]  # expect: TFV402
            x = ops.matmul(ops.matmul(x0, x), kernel) + bias + ops.transpose(x, [0, 2, 1])
            x = ops.transpose(x, [0, 2, 1])
        logit = self.logit  # expect: TFV402
        return ops.matmul(ops.squeeze(x, axis=1), logit)


class Stack(keras.layers.Layer):
    def __init__(self, depth, **kwargs):
        super().__init__(**kwargs)
        self.depth = depth

    def build(self, input_shape):
        self.scales = [self.add_weight(shape=(input_shape[-1],), initializer="ones") for i in range(self.depth)]

    def call(self, inputs):
        x = inputs
        for i in range(self.depth):
            scale = self.scales[i]  # expect: TFV402
            x = x * scale
        return x


class Shifted(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), initializer="ones")
        super().build(input_shape)
        self.shift = self.add_weight(shape=(self.units,), initializer="ones")

    def call(self, inputs):
        shift = self.shift  # expect: TFV402
        return ops.matmul(inputs, self.kernel) + shift


def trained(layer):
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((3,)), layer])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((4, 3), "float32"), np.ones((4, 1 if isinstance(layer, Cross) else 3), "float32"), verbose=0)
    return [[w.name, *w.shape] for w in layer.weights]


def case_cross():
    return trained(Cross(2))


def case_stack():
    return trained(Stack(3))


def case_shifted():
    return trained(Shifted(3))
