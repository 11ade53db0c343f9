"""A two-stream model applies keras.applications.ResNet50 to each of its two inputs, making a new ResNet50 per input
in a loop; both backbones keep the default name "resnet50" and the functional model rejects the second.

Source: https://github.com/tensorflow/tensorflow/issues/32408
Shape: loop, container, functional
Target: keras3
Runtime: raises ValueError: The name "resnet50" is used 2 times in the model
"""

import keras

input_a = keras.Input((32, 32, 3))
input_b = keras.Input((32, 32, 3))

features = []
for inp in (input_a, input_b):
    backbone = keras.applications.ResNet50(include_top=False, weights=None, pooling="avg", input_shape=(32, 32, 3))  # expect: TFV104
    features.append(backbone(inp))

merged = keras.layers.Concatenate()(features)
out = keras.layers.Dense(2, activation="softmax")(merged)
model = keras.Model([input_a, input_b], out)
