"""To tie two convolutions, a VGG-style model copies `model.layers[7]`'s weights into `model.layers[9]`; the first sees 128 input channels, the second 256, so the kernels cannot match.

Source: https://github.com/keras-team/keras/issues/11409
Shape: sequential, layers-index, module
Target: keras3
Runtime: raises ValueError: weight shape (3, 3, 256, 256) is not compatible with provided weight shape (3, 3, 128, 256)
"""

import keras
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
        layers.Conv2D(256, 3, padding="same", activation="relu"),  # 8
        layers.Conv2D(256, 3, padding="same", activation="relu"),  # 9: 256 -> 256
        layers.GlobalAveragePooling2D(),
        layers.Dense(10, activation="softmax"),
    ]
)

model.layers[9].set_weights(model.layers[7].get_weights())  # expect: TFV102
