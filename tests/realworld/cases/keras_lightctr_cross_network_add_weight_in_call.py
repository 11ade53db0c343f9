"""A CTR library's Deep&Cross model uses a `CrossNetwork(keras.Model)` whose `call(inputs, layers_num=3)` creates each cross layer's kernel and bias with `self.add_weight` inside the loop over `layers_num` (and a logit kernel after it); the functional `DCN` builder wires it in, and the state made in `call` breaks when `fit` runs the step.

Source: https://github.com/Hirosora/LightCTR/issues/5
Shape: subclassed, loop, helper, functional, parameter
Target: keras3
Runtime: raises ValueError: Exception encountered when calling CrossNetwork.call()
"""

import numpy as np
import keras
from keras import layers, ops


class CrossNetwork(keras.Model):
    def __init__(self, kernel_initializer="glorot_uniform", bias_initializer="zeros", **kwargs):
        super().__init__(**kwargs)
        self.kernel_initializer = kernel_initializer
        self.bias_initializer = bias_initializer

    def call(self, inputs, layers_num=3, require_logit=True):
        x0 = ops.expand_dims(ops.concatenate(inputs, axis=1), axis=-1)
        x = ops.transpose(x0, [0, 2, 1])
        for i in range(layers_num):
            kernel = self.add_weight(shape=(x0.shape[1], 1), initializer=self.kernel_initializer, trainable=True)  # expect: TFV402
            bias = self.add_weight(shape=(x0.shape[1], 1), initializer=self.bias_initializer, trainable=True)  # expect: TFV402
            x = ops.matmul(ops.matmul(x0, x), kernel) + bias + ops.transpose(x, [0, 2, 1])
            x = ops.transpose(x, [0, 2, 1])
        x = ops.squeeze(x, axis=1)
        if require_logit:
            kernel = self.add_weight(shape=(x0.shape[1], 1), initializer=self.kernel_initializer, trainable=True)  # expect: TFV402
            x = ops.matmul(x, kernel)
        return x


def DCN(dense_dims=(4, 3), cross_layers_num=2):
    inputs = [keras.Input((d,)) for d in dense_dims]
    cross_output = CrossNetwork()(inputs, layers_num=cross_layers_num)
    deep_output = layers.Dense(1)(layers.Dense(8, activation="relu")(layers.Concatenate()(inputs)))
    output = layers.Activation("sigmoid")(layers.Add()([cross_output, deep_output]))
    return keras.Model(inputs, output)


model = DCN()
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit([np.random.rand(8, 4), np.random.rand(8, 3)], np.random.randint(0, 2, (8, 1)), epochs=1, verbose=0)
