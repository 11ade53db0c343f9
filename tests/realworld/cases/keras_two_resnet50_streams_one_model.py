"""A two-stream model calls a fresh `ResNet50` on each input; both backbones are named `resnet50`, and the functional model refuses the duplicate.

Source: https://github.com/keras-team/keras/issues/5540
Shape: functional, applications
Target: keras3
Runtime: raises ValueError: The name "resnet50" is used 2 times in the model
"""

import keras
from keras.applications import ResNet50

stream_a = keras.Input((32, 32, 3))
stream_b = keras.Input((32, 32, 3))
x = ResNet50(weights=None, include_top=False, pooling="avg")(stream_a)
y = ResNet50(weights=None, include_top=False, pooling="avg")(stream_b)  # expect: TFV104
merged = keras.layers.Concatenate()([x, y])
out = keras.layers.Dense(2, activation="softmax")(merged)
model = keras.Model([stream_a, stream_b], out)
print(model.count_params())
