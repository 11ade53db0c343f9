# Plain functions given to a built-in layer, in a model saved to a file that a load reads without them in
# `custom_objects`: the second load of `parts.keras` (after one that names `l2_small`), and the load of
# `maybe.keras` after a save that may have run (a test not known) of the model with `clip_unit`.
import random

import keras
import numpy as np


def l2_small(weights):  # expect: TFV202
    return 0.001 * keras.ops.sum(weights**2)


def clip_unit(weights):  # expect: TFV202
    return keras.ops.clip(weights, -1.0, 1.0)


x = np.random.rand(8, 3).astype("float32")

model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, kernel_regularizer=l2_small)])
model.save("parts.keras")
model = keras.models.load_model("parts.keras", custom_objects={"l2_small": l2_small})
again = keras.models.load_model("parts.keras")

plain = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
plain.save("maybe.keras")
if random.random() > 0.5:
    clipped = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, kernel_constraint=clip_unit)])
    clipped.save("maybe.keras")
maybe = keras.models.load_model("maybe.keras", custom_objects={"l2_small": l2_small})
