"""The peephole LSTM of yoctol-keras-layer-zoo#42 written for Keras 3: the subclass reaches the recurrent kernel through `self.cell`.

Source: https://github.com/Yoctol/yoctol-keras-layer-zoo/issues/42
Shape: subclassed, class-attribute, sequential
Target: keras3
Runtime: runs
"""

import keras
import numpy as np


class LSTMPeephole(keras.layers.LSTM):
    def build(self, sequences_shape, initial_state_shape=None):
        super().build(sequences_shape, initial_state_shape)
        units = self.units
        mask = np.ones((units, 4 * units), "float32")
        mask[:, 2 * units : 3 * units] = 0.0
        self.cell.recurrent_kernel.assign(self.cell.recurrent_kernel * mask)


model = keras.Sequential([keras.Input((6, 3)), LSTMPeephole(4), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(np.zeros((2, 6, 3), "float32"), np.zeros((2, 1), "float32"), epochs=1, verbose=0)
print(float(np.abs(keras.ops.convert_to_numpy(model.layers[0].cell.recurrent_kernel)[:, 8:12]).max()) < 1e-2)
