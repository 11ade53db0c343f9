"""A transfer-learning notebook restores a `Normalization` layer with `norm_layer.set_weights([mean, var])`; the layer holds three weights (mean, variance, count) and rejects the list.

Source: https://github.com/niconielsen32/NeuralNetworks/issues/1
Shape: notebook, module-level, functional
Target: keras3
Runtime: raises ValueError: but the layer was expecting 3 weights
"""

import numpy as np
import keras
from keras import layers

mean = np.array([0.485, 0.456, 0.406], "float32")
var = np.array([0.229, 0.224, 0.225], "float32") ** 2

inputs = keras.Input(shape=(8, 8, 3))
norm_layer = layers.Normalization()
x = norm_layer(inputs)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
norm_layer.set_weights([mean, var])  # expect: TFV102
