"""A peephole LSTM subclasses `LSTM` and, in its own `build`, zeroes a slice of `self.recurrent_kernel`; in Keras 3 the weights live on `self.cell`.

Source: https://github.com/Yoctol/yoctol-keras-layer-zoo/issues/42
Shape: subclassed, class-attribute, sequential
Target: keras3
Runtime: raises AttributeError: 'LSTMPeephole' object has no attribute 'recurrent_kernel'
"""

import keras
import numpy as np


class LSTMPeephole(keras.layers.LSTM):
    def build(self, sequences_shape, initial_state_shape=None):
        super().build(sequences_shape, initial_state_shape)
        # the peephole variant drops the recurrent connection of the cell-state gate
        units = self.units
        mask = np.ones((units, 4 * units), "float32")
        mask[:, 2 * units : 3 * units] = 0.0
        self.recurrent_kernel.assign(self.recurrent_kernel * mask)  # expect: TFV103


model = keras.Sequential([keras.Input((6, 3)), LSTMPeephole(4), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(np.zeros((2, 6, 3), "float32"), np.zeros((2, 1), "float32"), epochs=1, verbose=0)
