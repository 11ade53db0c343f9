"""The GRU weight-plotting helper reading the weights where Keras 3 keeps them: `layer.cell.recurrent_kernel` of the layer passed in as `model.get_layer("GRU_1")`.

Source: https://github.com/keras-team/keras/issues/7537
Shape: helper, parameter, get-layer, sequential
Target: keras3
Runtime: runs
"""

import keras
from keras import layers


def gate_blocks(layer):
    units = layer.units
    recurrent = layer.cell.recurrent_kernel.numpy()
    return [recurrent[:, i * units:(i + 1) * units] for i in range(3)]


model = keras.Sequential([
    keras.Input((30, 1)),
    layers.GRU(3, return_sequences=False, name="GRU_1", use_bias=True),
    layers.Dense(30, activation="linear", name="OUTPUT_LAYER"),
])
for block in gate_blocks(model.get_layer("GRU_1")):
    assert block.shape == (3, 3)
