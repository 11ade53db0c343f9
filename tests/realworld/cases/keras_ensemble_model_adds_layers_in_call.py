"""For an ensemble, each sub-model class keeps an empty `Sequential` made in `__init__` and adds its Conv2D/Dense layers to it inside `call()`, so every call adds more layers: the second call (Keras calls it again to infer the output shape) stacks a Conv2D after the Flatten and fails.

Source: https://github.com/tensorflow/tensorflow/issues/38224
Shape: subclassed, class-attribute, sequential, functional
Target: keras3
Runtime: raises ValueError: Exception encountered when calling Model1.call()
"""

import numpy as np
import keras
from keras import layers, models


class Model1(keras.Model):
    def __init__(self):
        super().__init__(name="Model1")
        self.model = models.Sequential()

    def call(self, inputs):
        self.model.add(layers.Conv2D(4, (3, 3), activation="relu"))  # expect: TFV402
        self.model.add(layers.MaxPooling2D((2, 2)))
        self.model.add(layers.Flatten())
        return self.model(inputs)


class Model2(keras.Model):
    def __init__(self):
        super().__init__(name="Model2")
        self.model = models.Sequential()

    def call(self, inputs):
        self.model.add(layers.Flatten())
        self.model.add(layers.Dense(8, activation="relu"))  # expect: TFV402
        return self.model(inputs)


inputs = keras.Input(shape=(8, 8, 3))
merged = layers.Concatenate()([Model1()(inputs), Model2()(inputs)])
outputs = layers.Dense(3, activation="softmax")(merged)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(np.random.rand(4, 8, 8, 3), np.array([0, 1, 2, 0]), epochs=1, verbose=0)
