"""A notebook saves a model, clears the session, loads the model back to predict with it, and then builds a new, separate model of unnamed layers: the new layers reuse the names `dense`, `dense_1`, but they never join the loaded model.

Source: https://github.com/keras-team/keras/issues/12187
Shape: module, sequential, notebook-like
Target: keras3
Runtime: runs
"""

import os
import tempfile

import numpy as np
from keras import backend as K
import keras

model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4), keras.layers.Dense(2)])
path = os.path.join(tempfile.mkdtemp(), "model.keras")
model.save(path)

K.clear_session()
restored = keras.models.load_model(path)
restored.predict(np.random.rand(2, 3), verbose=0)

student = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4), keras.layers.Dense(2)])
student.compile(optimizer="sgd", loss="mse")
student.fit(np.random.rand(4, 3), restored.predict(np.random.rand(4, 3), verbose=0), epochs=1, verbose=0)
assert [layer.name for layer in student.layers] == [layer.name for layer in restored.layers] == ["dense", "dense_1"]
