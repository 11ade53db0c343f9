"""keras#11409's copy between two convolutions that do have the same kernel shape (both 256 -> 256).

Source: https://github.com/keras-team/keras/issues/11409
Shape: sequential, layers-index, module
Target: keras3
Runtime: runs
"""

import keras
import numpy as np
from keras import layers

model = keras.Sequential(
    [
        keras.Input((32, 32, 3)),
        layers.Conv2D(64, 3, padding="same", activation="relu"),  # 0
        layers.Conv2D(64, 3, padding="same", activation="relu"),  # 1
        layers.MaxPooling2D(),  # 2
        layers.Conv2D(128, 3, padding="same", activation="relu"),  # 3
        layers.Conv2D(128, 3, padding="same", activation="relu"),  # 4
        layers.MaxPooling2D(),  # 5
        layers.Conv2D(128, 3, padding="same", activation="relu"),  # 6
        layers.Conv2D(256, 3, padding="same", activation="relu"),  # 7: 128 -> 256
        layers.Conv2D(256, 3, padding="same", activation="relu"),  # 8: 256 -> 256
        layers.Conv2D(256, 3, padding="same", activation="relu"),  # 9: 256 -> 256
        layers.GlobalAveragePooling2D(),
        layers.Dense(10, activation="softmax"),
    ]
)

model.layers[9].set_weights(model.layers[8].get_weights())
print(np.allclose(model.layers[9].get_weights()[0], model.layers[8].get_weights()[0]))
