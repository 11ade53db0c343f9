"""Re-initialising a trained model between experiments: for every layer, each `*_initializer` attribute is called again for the shape of its weight and the result assigned into that weight, so the same model objects start over with fresh random values.

Source: https://github.com/keras-team/keras/issues/341
Shape: helper, loop, model-layers, recursion, getattr, sequential
Target: keras3
Runtime: runs
"""

import numpy as np
import keras


def reset_weights(model):
    for layer in model.layers:
        if isinstance(layer, keras.Model):
            reset_weights(layer)
            continue
        for k, initializer in layer.__dict__.items():
            if "initializer" not in k:
                continue
            var = getattr(layer, k.replace("_initializer", ""))
            var.assign(initializer(var.shape, var.dtype))


model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, bias_initializer="ones"), keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
model.fit(np.random.rand(8, 3), np.random.rand(8, 1), epochs=1, verbose=0)
reset_weights(model)
assert np.allclose(model.layers[0].bias.numpy(), 1.0)
print([w.shape for w in model.get_weights()])
