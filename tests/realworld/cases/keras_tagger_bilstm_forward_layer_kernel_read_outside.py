"""A subclassed tagger keeps its Bidirectional(LSTM) in self.bilstm (set in __init__); after a forward pass the
script reads the forward and backward weight matrices as model.bilstm.forward_layer.kernel, but an LSTM layer keeps
its kernel on its cell.

Source: https://github.com/keras-team/keras/issues/14237  (the reporter asks how to get the weight matrices of the
layers inside a bidirectional RNN; the subclassed model and the read outside it are ours)
Shape: subclassed, class-attribute, module
Target: keras3
Runtime: raises AttributeError: 'LSTM' object has no attribute 'kernel'
"""

import numpy as np
import keras


class Tagger(keras.Model):
    def __init__(self, units, num_tags, **kwargs):
        super().__init__(**kwargs)
        self.bilstm = keras.layers.Bidirectional(keras.layers.LSTM(units, return_sequences=True))
        self.out = keras.layers.Dense(num_tags)

    def call(self, inputs):
        return self.out(self.bilstm(inputs))


model = Tagger(3, 2)
model(np.zeros((1, 4, 5), dtype="float32"))

forward_kernel = model.bilstm.forward_layer.kernel  # expect: TFV103
backward_kernel = model.bilstm.backward_layer.cell.kernel
print(forward_kernel.shape, backward_kernel.shape)
