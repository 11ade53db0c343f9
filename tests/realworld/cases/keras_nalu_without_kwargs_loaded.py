"""A Neural Arithmetic Logic Unit layer takes its hyper-parameters in `__init__` without `**kwargs` and calls `super().__init__()` bare, while its `get_config` merges the base `Layer` config (`name`, `trainable`, `dtype`) into its own; a model saved with it cannot be loaded: `NALU(**config)` is given keywords its `__init__` does not take.

Source: https://github.com/titu1994/keras-neural-alu/issues/1
Shape: subclassed, functional, save-load
Target: keras3
Runtime: raises TypeError: got an unexpected keyword argument
"""

import os
import tempfile

import numpy as np
import keras
from keras import constraints, initializers, ops, regularizers
from keras.layers import Input, Layer
from keras.models import Model


class NALU(Layer):
    def __init__(self, units,
                 use_gating=True,
                 kernel_W_initializer='glorot_uniform',
                 kernel_M_initializer='glorot_uniform',
                 gate_initializer='glorot_uniform',
                 kernel_W_regularizer=None,
                 kernel_M_regularizer=None,
                 gate_regularizer=None,
                 kernel_W_constraint=None,
                 kernel_M_constraint=None,
                 gate_constraint=None,
                 epsilon=1e-7):
        super(NALU, self).__init__()
        self.units = units
        self.use_gating = use_gating
        self.epsilon = epsilon

        self.kernel_W_initializer = initializers.get(kernel_W_initializer)
        self.kernel_M_initializer = initializers.get(kernel_M_initializer)
        self.gate_initializer = initializers.get(gate_initializer)
        self.kernel_W_regularizer = regularizers.get(kernel_W_regularizer)
        self.kernel_M_regularizer = regularizers.get(kernel_M_regularizer)
        self.gate_regularizer = regularizers.get(gate_regularizer)
        self.kernel_W_constraint = constraints.get(kernel_W_constraint)
        self.kernel_M_constraint = constraints.get(kernel_M_constraint)
        self.gate_constraint = constraints.get(gate_constraint)

        self.supports_masking = True

    def build(self, input_shape):
        input_dim = input_shape[-1]
        self.W_hat = self.add_weight(shape=(input_dim, self.units), name='W_hat',
                                     initializer=self.kernel_W_initializer,
                                     regularizer=self.kernel_W_regularizer,
                                     constraint=self.kernel_W_constraint)
        self.M_hat = self.add_weight(shape=(input_dim, self.units), name='M_hat',
                                     initializer=self.kernel_M_initializer,
                                     regularizer=self.kernel_M_regularizer,
                                     constraint=self.kernel_M_constraint)
        if self.use_gating:
            self.G = self.add_weight(shape=(input_dim, self.units), name='G',
                                     initializer=self.gate_initializer,
                                     regularizer=self.gate_regularizer,
                                     constraint=self.gate_constraint)
        else:
            self.G = None

    def call(self, inputs):
        W = ops.tanh(self.W_hat) * ops.sigmoid(self.M_hat)
        m = ops.exp(ops.matmul(ops.log(ops.abs(inputs) + self.epsilon), W))
        a = ops.matmul(inputs, W)
        if self.use_gating:
            g = ops.sigmoid(ops.matmul(inputs, self.G))
            return g * a + (1. - g) * m
        return a + m

    def get_config(self):  # expect: TFV202
        config = {
            'units': self.units,
            'use_gating': self.use_gating,
            'kernel_W_initializer': initializers.serialize(self.kernel_W_initializer),
            'kernel_M_initializer': initializers.serialize(self.kernel_M_initializer),
            'gate_initializer': initializers.serialize(self.gate_initializer),
            'kernel_W_regularizer': regularizers.serialize(self.kernel_W_regularizer),
            'kernel_M_regularizer': regularizers.serialize(self.kernel_M_regularizer),
            'gate_regularizer': regularizers.serialize(self.gate_regularizer),
            'kernel_W_constraint': constraints.serialize(self.kernel_W_constraint),
            'kernel_M_constraint': constraints.serialize(self.kernel_M_constraint),
            'gate_constraint': constraints.serialize(self.gate_constraint),
            'epsilon': self.epsilon
        }
        base_config = super(NALU, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


ip = Input(shape=(10,))
x = NALU(2)(ip)
x = NALU(1)(x)
model = Model(ip, x)
model.compile(keras.optimizers.RMSprop(0.1), 'mse')
model.fit(np.random.rand(16, 10), np.random.rand(16, 1), epochs=1, verbose=0)

path = os.path.join(tempfile.mkdtemp(), "addition.keras")
model.save(path)
restored = keras.models.load_model(path, custom_objects={'NALU': NALU})
print(restored.count_params())
