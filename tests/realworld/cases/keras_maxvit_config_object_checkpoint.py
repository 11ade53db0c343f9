"""A `MaxViT` layer takes one `config` object in `__init__` and has no `get_config`; training with a `ModelCheckpoint` (full model, the default) fails when the checkpoint is written.

Source: https://github.com/google-research/maxvit/issues/6
Shape: subclassed, callback, parameter, config-object
Target: keras3
Runtime: raises NotImplementedError: must override `get_config()`
"""

import numpy as np
import keras
from keras import layers


class MaxViTConfig:
    def __init__(self, hidden_size=16, num_classes=3):
        self.hidden_size = hidden_size
        self.num_classes = num_classes


class MaxViT(layers.Layer):  # expect: TFV202
    def __init__(self, config, **kwargs):
        super().__init__(**kwargs)
        self.config = config
        self.stem = layers.Conv2D(config.hidden_size, 3, strides=2, padding="same")
        self.head = layers.Dense(config.num_classes)

    def call(self, x):
        x = self.stem(x)
        return self.head(keras.ops.mean(x, axis=(1, 2)))


config = MaxViTConfig()
inputs = keras.Input((16, 16, 3))
model = keras.Model(inputs, MaxViT(config)(inputs))
model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
model.fit(np.random.rand(8, 16, 16, 3), np.random.randint(0, 3, 8), epochs=1, verbose=0,
          callbacks=[keras.callbacks.ModelCheckpoint("maxvit.keras", save_weights_only=False)])
