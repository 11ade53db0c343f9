"""The transfer-learning notebook's normalisation done the Keras 3 way: the ImageNet mean and variance go to `Normalization(mean=..., variance=...)` instead of `set_weights`.

Source: https://github.com/niconielsen32/NeuralNetworks/issues/1
Shape: notebook, module-level, functional
Target: keras3
Runtime: runs
"""

import numpy as np
import keras
from keras import layers

mean = np.array([0.485, 0.456, 0.406], "float32")
var = np.array([0.229, 0.224, 0.225], "float32") ** 2

inputs = keras.Input(shape=(8, 8, 3))
norm_layer = layers.Normalization(mean=mean, variance=var)
x = norm_layer(inputs)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
probe = np.broadcast_to(mean, (1, 8, 8, 3))
assert np.allclose(keras.Model(inputs, x)(probe), 0.0, atol=1e-5)
