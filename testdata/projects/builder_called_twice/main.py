"""A block builder from another module, called twice into one model: both layers are named `fc`.

Source: tfvarfix issue 15 (a builder called twice, its layer name fixed inside the builder)
Shape: helper, module, sequential
Target: keras3
Runtime: raises ValueError: should have unique names
"""

from tensorflow import keras

import blocks

model = keras.Sequential([keras.Input((4,)), blocks.make_block(8), blocks.make_block(8)])  # expect: TFV104
model.summary()
