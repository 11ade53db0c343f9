"""A super-resolution model gives its sub-pixel convolutions an ICNR initializer written as a plain function, through a block helper; the model saves, but the `custom_objects` dict handed to `load_model` holds only the metric, so the function initializer cannot be rebuilt.

Source: https://github.com/keras-team/keras/issues/10783
Shape: custom-initializer, function, helper, loop, functional, save-load
Target: keras3
Runtime: raises TypeError: Could not interpret initializer identifier
"""

import keras
import numpy as np
from keras import layers, ops


def icnr2x_init(shape, dtype=None):  # expect: TFV202
    h, w, cin, cout = shape
    sub = keras.initializers.GlorotUniform()((h, w, cin, cout // 4), dtype=dtype)
    return ops.repeat(sub, 4, axis=-1)


def psnr(y_true, y_pred):
    return -10.0 * ops.log(ops.mean(ops.square(y_true - y_pred)) + 1e-8) / np.log(10.0)


def subpixel_block(x, filters):
    return layers.Conv2D(filters * 4, 3, padding="same", activation="relu", kernel_initializer=icnr2x_init)(x)


inp = keras.Input((8, 8, 3))
x = inp
for filters in (8, 4):
    x = subpixel_block(x, filters)
out = layers.Conv2D(3, 3, padding="same")(x)
model = keras.Model(inp, out)
model.compile(optimizer="adam", loss="mse", metrics=[psnr])
model_name = "sr_model.keras"
model.save(model_name)

custom_objects = {"psnr": psnr}
model = keras.models.load_model(model_name, custom_objects=custom_objects)
