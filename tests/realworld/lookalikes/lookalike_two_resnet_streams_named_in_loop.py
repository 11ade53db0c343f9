"""The two-stream model with one backbone per input made in a loop, each given its own name with an f-string
(ResNet50(..., name=f"resnet50_{i}")), so the functional model accepts both.

Source: https://github.com/tensorflow/tensorflow/issues/32408
Shape: loop, container, functional
Target: keras3
Runtime: runs
"""

import keras

input_a = keras.Input((32, 32, 3))
input_b = keras.Input((32, 32, 3))

features = []
for i, inp in enumerate((input_a, input_b)):
    backbone = keras.applications.ResNet50(include_top=False, weights=None, pooling="avg", input_shape=(32, 32, 3), name=f"resnet50_{i}")
    features.append(backbone(inp))

merged = keras.layers.Concatenate()(features)
out = keras.layers.Dense(2, activation="softmax")(merged)
model = keras.Model([input_a, input_b], out)
assert [layer.name for layer in model.layers if layer.name.startswith("resnet50")] == ["resnet50_0", "resnet50_1"]
