"""Porting a Torch model, a loader copies only gamma and beta into each `BatchNormalization` with `set_weights([gamma, beta])`; the layer also holds the moving mean and variance and rejects the list.

Source: https://github.com/keras-team/keras/issues/2772
Shape: helper, loop, dict, get-layer
Target: keras3
Runtime: raises ValueError: but the layer was expecting 4 weights
"""

import numpy as np
import keras
from keras import layers

torch_params = {
    "bn1": {"weight": np.ones(8, "float32"), "bias": np.zeros(8, "float32")},
    "bn2": {"weight": np.ones(4, "float32"), "bias": np.zeros(4, "float32")},
}


def load_torch_batchnorm(model, params):
    for name, p in params.items():
        model.get_layer(name).set_weights([p["weight"], p["bias"]])  # expect: TFV102


inputs = keras.Input((6,))
x = layers.Dense(8)(inputs)
x = layers.BatchNormalization(name="bn1")(x)
x = layers.Dense(4)(x)
x = layers.BatchNormalization(name="bn2")(x)
model = keras.Model(inputs, x)
load_torch_batchnorm(model, torch_params)
