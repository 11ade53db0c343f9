"""Widening a trained network's last convolution from 10 to 12 filters: every other layer gets the old layer's weights as they are, and the widened one keeps its own fresh kernel and bias with the old 10 filters copied into the first 10 slots before `set_weights`, so every list fits the layer it is given to.

Source: https://github.com/keras-team/keras/issues/1873
Shape: helper, sequential, model-layers-index, loop, get-weights-round-trip, trained-source
Target: keras3
Runtime: runs
"""

import numpy as np
import keras
from keras import layers


def build(last_filters):
    return keras.Sequential([
        keras.Input((12, 12, 1)),
        layers.Conv2D(6, 3, activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(last_filters, 3, activation="relu"),
        layers.GlobalAveragePooling2D(),
        layers.Dense(2, activation="softmax"),
    ])


def transfer(old, new, widened):
    for i, (src, dst) in enumerate(zip(old.layers, new.layers)):
        if not src.weights:
            continue
        if i == widened:
            kernel, bias = dst.get_weights()
            old_kernel, old_bias = src.get_weights()
            kernel[..., : old_kernel.shape[-1]] = old_kernel
            bias[: old_bias.shape[0]] = old_bias
            dst.set_weights([kernel, bias])
        elif i == widened + 2:
            kernel, bias = dst.get_weights()
            old_kernel, old_bias = src.get_weights()
            kernel[: old_kernel.shape[0]] = old_kernel
            dst.set_weights([kernel, old_bias])
        else:
            dst.set_weights(src.get_weights())


x = np.random.rand(16, 12, 12, 1).astype("float32")
y = keras.utils.to_categorical(np.random.randint(0, 2, 16), 2)
old_model = build(10)
old_model.compile(optimizer="adam", loss="categorical_crossentropy")
old_model.fit(x, y, epochs=1, verbose=0)

new_model = build(12)
transfer(old_model, new_model, widened=2)
start = new_model.layers[2].get_weights()[0][..., :10]
new_model.compile(optimizer="adam", loss="categorical_crossentropy")
new_model.fit(x, y, epochs=1, verbose=0)

# --- probe ---
print("TFVARFIX-OK" if np.allclose(start, old_model.layers[2].get_weights()[0]) else "TFVARFIX-BUG")
