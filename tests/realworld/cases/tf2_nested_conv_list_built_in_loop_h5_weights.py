"""A custom layer keeps a list of named Conv2D units made in `__init__` and builds them by hand in a loop in its own `build()` (one single-channel input each); a hand `build` does not enter the unit's name scope, so every unit's weights are `nested_layers/kernel:0` and `nested_layers/bias:0`, and saving the CIFAR-style model's weights to HDF5 fails.

Source: https://github.com/tensorflow/tensorflow/issues/41021
Shape: custom-layer, nested-layers, container, loop, sublayers-in-build, sequential, h5
Target: tf_keras
Runtime: raises ValueError: Unable to synchronously create dataset (name already exists)
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from tensorflow.keras import layers, models  # noqa: E402


class NestedLayers(tf.keras.layers.Layer):
    def __init__(self):
        super(NestedLayers, self).__init__()
        self.units = [
            layers.Conv2D(4, (3, 3), name="conv_2d_0"),
            layers.Conv2D(4, (3, 3), name="conv_2d_1"),
            layers.Conv2D(4, (3, 3), name="conv_2d_2"),
        ]

    def build(self, input_shape):
        for i in range(0, 2):
            unit_input_shape = list(input_shape)
            unit_input_shape[-1] = 1
            unit = self.units[i]
            unit.build(unit_input_shape)  # expect: TFV202
        super(NestedLayers, self).build(input_shape)

    def call(self, inputs):
        outputs = [self.units[i](inputs[..., i : i + 1]) for i in range(0, 2)]
        return tf.concat(outputs, axis=-1)


model = models.Sequential()
model.add(layers.Input((16, 16, 3)))
model.add(NestedLayers())
model.add(layers.MaxPooling2D((2, 2)))
model.add(layers.Flatten())
model.add(layers.Dense(10))
model.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))

train_images = np.random.rand(8, 16, 16, 3).astype("float32")
train_labels = np.random.randint(0, 10, size=(8,))
model.fit(train_images, train_labels, epochs=1, verbose=0)
model.save_weights("nested_layers.h5")
