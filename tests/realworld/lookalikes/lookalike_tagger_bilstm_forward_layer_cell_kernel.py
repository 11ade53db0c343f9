"""The subclassed tagger's Bidirectional(LSTM) weights read through the cell of each direction:
model.bilstm.forward_layer.cell.kernel and .recurrent_kernel.

Source: https://github.com/keras-team/keras/issues/14237
Shape: subclassed, class-attribute, module
Target: keras3
Runtime: runs
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

forward_kernel = model.bilstm.forward_layer.cell.kernel
forward_recurrent = model.bilstm.forward_layer.cell.recurrent_kernel
backward_kernel = model.bilstm.backward_layer.cell.kernel
assert tuple(forward_kernel.shape) == (5, 12) and tuple(forward_recurrent.shape) == (3, 12)
print(backward_kernel.shape)
