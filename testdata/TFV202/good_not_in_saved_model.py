"""A subclassed model without `get_config` (which `model.save` would refuse) that is only called, while the module
saves another model, a functional one of built-in layers: no save holds the subclassed model
(deep-learning-with-python's chapter 7 shape)."""

import keras
import numpy as np


class CustomerTicketModel(keras.Model):
    def __init__(self, num_departments):
        super().__init__()
        self.mixing_layer = keras.layers.Dense(64, activation="relu")
        self.department_classifier = keras.layers.Dense(num_departments, activation="softmax")

    def call(self, inputs):
        return self.department_classifier(self.mixing_layer(inputs))


ticket_model = CustomerTicketModel(num_departments=4)
ticket_model(np.ones((2, 8)))

inputs = keras.Input(shape=(8,))
outputs = keras.layers.Dense(3, activation="softmax")(inputs)
model = keras.Model(inputs, outputs)
model.save("functional.keras")
restored = keras.models.load_model("functional.keras")
