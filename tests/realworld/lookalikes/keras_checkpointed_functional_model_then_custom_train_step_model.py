"""Deep Learning with Python's chapter 7 notebook: a functional MNIST model trained with a `ModelCheckpoint` callback and loaded back with `load_model`, then, cells later, a `CustomModel(keras.Model)` that overrides `train_step`, trained without callbacks and never saved. The checkpoint holds the functional model only (built-in layers), so the load needs no `custom_objects`.

Source: https://github.com/fchollet/deep-learning-with-python-notebooks/blob/master/second_edition/chapter07_working-with-keras.ipynb
Shape: notebook-like, callback, subclassed
Target: keras3
Runtime: runs
"""

import numpy as np
import keras
from keras import layers


def get_mnist_model():
    inputs = keras.Input(shape=(8,))
    features = layers.Dense(16, activation="relu")(inputs)
    outputs = layers.Dense(3, activation="softmax")(features)
    return keras.Model(inputs, outputs)


x = np.random.rand(32, 8)
y = np.random.randint(0, 3, 32)
callbacks_list = [keras.callbacks.ModelCheckpoint(filepath="checkpoint_path.keras", monitor="val_loss", save_best_only=True)]
model = get_mnist_model()
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(x, y, epochs=1, callbacks=callbacks_list, validation_data=(x, y), verbose=0)
model = keras.models.load_model("checkpoint_path.keras")


class CustomModel(keras.Model):
    def train_step(self, data):
        return super().train_step(data)


inputs = keras.Input(shape=(8,))
outputs = layers.Dense(3, activation="softmax")(inputs)
model = CustomModel(inputs, outputs)
model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy")
model.fit(x, y, epochs=1, verbose=0)
assert isinstance(model, CustomModel)
