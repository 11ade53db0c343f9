# Near miss of plain functions given to a built-in layer (handson-ml2's chapter 12): each load passes in
# `custom_objects` the functions of the model last saved to the file it reads. The file is written again with
# a model that has none of `l2_small`, and loaded back without it; another file holds no function at all.
import keras
import numpy as np


def l2_small(weights):
    return 0.001 * keras.ops.sum(weights**2)


x = np.random.rand(8, 3).astype("float32")

plain = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
plain.save("plain.keras")
plain = keras.models.load_model("plain.keras")

model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, kernel_regularizer=l2_small)])
model.save("parts.keras")
model = keras.models.load_model("parts.keras", custom_objects={"l2_small": l2_small})

model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, kernel_regularizer="l2")])
model.save("parts.keras")
model = keras.models.load_model("parts.keras")
