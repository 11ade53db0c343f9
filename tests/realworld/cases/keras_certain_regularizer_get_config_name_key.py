"""A custom activity Regularizer takes `l` in __init__ but its get_config also writes a "name" key; after save,
load_model calls CertainRegularizer(**config) with name=... and the constructor rejects it.

Source: https://github.com/keras-team/keras/issues/1996
Shape: module, sequential
Target: keras3
Runtime: raises TypeError: got an unexpected keyword argument 'name'
"""

import os
import tempfile

import numpy as np
import keras
from keras import ops


class CertainRegularizer(keras.regularizers.Regularizer):
    def __init__(self, l):
        self.l = l

    def __call__(self, x):
        return -self.l * ops.mean(ops.var(x, axis=-1))

    def get_config(self):  # expect: TFV202
        return {"name": self.__class__.__name__, "l": self.l}


model = keras.Sequential()
model.add(keras.Input((6,)))
model.add(keras.layers.Dense(4, activation="relu"))
model.add(keras.layers.Dense(2, activation="tanh", activity_regularizer=CertainRegularizer(0.2)))
model.add(keras.layers.Activation("softmax"))
model.compile(keras.optimizers.RMSprop(0.002), loss="categorical_crossentropy")
model.fit(np.random.rand(8, 6), np.eye(2)[np.random.randint(0, 2, 8)], epochs=1, verbose=0)

path = os.path.join(tempfile.mkdtemp(), "certain.keras")
model.save(path)
keras.models.load_model(path, custom_objects={"CertainRegularizer": CertainRegularizer})
