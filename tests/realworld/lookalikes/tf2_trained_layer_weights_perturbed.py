"""After training, a share of one layer's weights is randomised through get_weights / set_weights to measure the damage: an edit of trained values.

Source: https://github.com/keras-team/keras/issues/11876
Shape: sequential, layers-index, loop
Target: keras3
Runtime: runs
"""

import numpy as np
import keras

rng = np.random.default_rng(0)
x = rng.random((16, 4)).astype("float32")
y = rng.integers(0, 2, 16)
model = keras.Sequential(
    [keras.Input((4,)), keras.layers.Dense(6, activation="relu"), keras.layers.Dense(2, activation="softmax")]
)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=1, verbose=0)

for i in range(len(model.layers)):
    kernel, bias = model.layers[i].get_weights()
    mask = rng.random(kernel.shape) < 0.3
    kernel[mask] = rng.normal(0.0, 0.05, mask.sum())
    model.layers[i].set_weights([kernel, bias])
    print(i, model.evaluate(x, y, verbose=0))
