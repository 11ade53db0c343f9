"""To see how a small GRU connects its units, a script passes `model.get_layer("GRU_1")` to a plotting helper that reads `layer.kernel` and `layer.recurrent_kernel`, as the Keras 2.0 GRU source it was reading kept them; in Keras 3 the GRU layer holds its weights on `layer.cell`.

Source: https://github.com/keras-team/keras/issues/7537
Shape: helper, parameter, get-layer, sequential
Target: keras3
Runtime: raises AttributeError: 'GRU' object has no attribute 'recurrent_kernel'
"""

import keras
from keras import layers


def gate_blocks(layer):
    units = layer.units
    recurrent = layer.recurrent_kernel.numpy()  # expect: TFV103
    return [recurrent[:, i * units:(i + 1) * units] for i in range(3)]


model = keras.Sequential([
    keras.Input((30, 1)),
    layers.GRU(3, return_sequences=False, name="GRU_1", use_bias=True),
    layers.Dense(30, activation="linear", name="OUTPUT_LAYER"),
])
for block in gate_blocks(model.get_layer("GRU_1")):
    print(block.shape)
