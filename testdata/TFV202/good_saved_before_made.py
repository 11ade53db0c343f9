"""A save can only hold what exists when it runs: the functional model is checkpointed and loaded back before the
custom model class is ever instantiated, and the custom model is never saved."""

import keras
import numpy as np


def functional_model():
    inputs = keras.Input(shape=(8,))
    outputs = keras.layers.Dense(3, activation="softmax")(inputs)
    return keras.Model(inputs, outputs)


x = np.random.rand(16, 8)
y = np.random.randint(0, 3, 16)
model = functional_model()
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.save("functional.keras")
model = keras.models.load_model("functional.keras")


class CustomModel(keras.Model):
    def train_step(self, data):
        return super().train_step(data)


inputs = keras.Input(shape=(8,))
model = CustomModel(inputs, keras.layers.Dense(3)(inputs))
model.compile(optimizer="rmsprop", loss="mse")
