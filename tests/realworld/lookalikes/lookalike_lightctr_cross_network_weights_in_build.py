"""The Deep&Cross network with its cross weights made where Keras expects them: `CrossNetwork` takes `layers_num` in `__init__` and creates every kernel and bias with `self.add_weight` in `build`, in the same loop the buggy version ran in `call`; `call` only uses them, and `fit` runs.

Source: https://github.com/Hirosora/LightCTR/issues/5
Shape: subclassed, loop, container, functional, helper
Target: keras3
Runtime: runs
"""

import numpy as np
import keras
from keras import layers, ops


class CrossNetwork(keras.layers.Layer):
    def __init__(self, layers_num=3, **kwargs):
        super().__init__(**kwargs)
        self.layers_num = layers_num

    def build(self, input_shape):
        dim = sum(shape[-1] for shape in input_shape)
        self.kernels = [self.add_weight(shape=(dim, 1), initializer="glorot_uniform") for _ in range(self.layers_num)]
        self.biases = [self.add_weight(shape=(dim, 1), initializer="zeros") for _ in range(self.layers_num)]
        self.logit_kernel = self.add_weight(shape=(dim, 1), initializer="glorot_uniform")

    def call(self, inputs):
        x0 = ops.expand_dims(ops.concatenate(inputs, axis=1), axis=-1)
        x = ops.transpose(x0, [0, 2, 1])
        for kernel, bias in zip(self.kernels, self.biases):
            x = ops.matmul(ops.matmul(x0, x), kernel) + bias + ops.transpose(x, [0, 2, 1])
            x = ops.transpose(x, [0, 2, 1])
        return ops.matmul(ops.squeeze(x, axis=1), self.logit_kernel)


def DCN(dense_dims=(4, 3), cross_layers_num=2):
    inputs = [keras.Input((d,)) for d in dense_dims]
    cross_output = CrossNetwork(cross_layers_num)(inputs)
    deep_output = layers.Dense(1)(layers.Dense(8, activation="relu")(layers.Concatenate()(inputs)))
    return keras.Model(inputs, layers.Activation("sigmoid")(layers.Add()([cross_output, deep_output])))


model = DCN()
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit([np.random.rand(8, 4), np.random.rand(8, 3)], np.random.randint(0, 2, (8, 1)), epochs=1, verbose=0)
