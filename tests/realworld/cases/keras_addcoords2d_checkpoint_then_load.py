"""A CoordConv `AddCoords2D(with_r)` layer, unregistered and without `get_config`, sits in a model that a `ModelCheckpoint` saves during `fit`; loading the checkpoint fails.

Source: https://github.com/mvoelk/keras_layers/issues/1
Shape: subclassed, callback, functional, load
Target: keras3
Runtime: raises TypeError: could not be deserialized properly
"""

import numpy as np
import keras
from keras import layers, ops


class AddCoords2D(layers.Layer):  # expect: TFV202
    def __init__(self, with_r=False, **kwargs):
        super().__init__(**kwargs)
        self.with_r = with_r

    def call(self, x):
        b, h, w = ops.shape(x)[0], ops.shape(x)[1], ops.shape(x)[2]
        yy = ops.linspace(-1.0, 1.0, h)[None, :, None, None] * ops.ones((b, h, w, 1))
        xx = ops.linspace(-1.0, 1.0, w)[None, None, :, None] * ops.ones((b, h, w, 1))
        out = ops.concatenate([x, xx, yy], axis=-1)
        if self.with_r:
            out = ops.concatenate([out, ops.sqrt(xx ** 2 + yy ** 2)], axis=-1)
        return out


inputs = keras.Input((8, 8, 1))
x = AddCoords2D(with_r=True)(inputs)
x = layers.Conv2D(4, 3, padding="same")(x)
outputs = layers.Dense(1)(layers.GlobalAveragePooling2D()(x))
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(8, 8, 8, 1), np.random.rand(8, 1), epochs=1, verbose=0,
          callbacks=[keras.callbacks.ModelCheckpoint("coordconv.keras")])
restored = keras.models.load_model("coordconv.keras")
