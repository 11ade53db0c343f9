# A subclassed model never raises: both weight sets get the path `twin_model/twin/kernel`, also when one of the
# two is made in `build()`.
import keras
import numpy as np


class TwinModel(keras.Model):
    def __init__(self):
        super().__init__(name="twin_model")
        self.first = keras.layers.Dense(3, name="twin")
        self.second = keras.layers.Dense(3, name="twin_1")  # expect: TFV104

    def call(self, x):
        return self.second(self.first(x))


model = TwinModel()
model(np.zeros((1, 3), "float32"))
paths = [w.path for w in model.weights]


class LateTwin(keras.Model):
    def __init__(self):
        super().__init__(name="late_twin")
        self.first = keras.layers.Dense(3, name="head")

    def build(self, input_shape):
        self.second = keras.layers.Dense(3, name="head_1")  # expect: TFV104

    def call(self, x):
        return self.second(self.first(x))


late = LateTwin()
late(np.zeros((1, 3), "float32"))
late_paths = [w.path for w in late.weights]
