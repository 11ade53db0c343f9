# Near misses of bad_numpy_arrays.py: the matrix has the layer's rows, and the name test keeps the Dense layer
# (whose kernel and bias a one-array list could not fill) out of the loop's write; a sum that keeps its axis.
import numpy as np
import keras

inputs = keras.Input((4,), dtype="int32")
embedding = keras.layers.Embedding(6, 3, name="embedding")
model = keras.Model(inputs, keras.layers.Dense(1)(embedding(inputs)))

matrix = np.random.uniform(0.1, 0.2, (6, 3))
matrix = matrix / np.sqrt((matrix * matrix).sum(axis=1, keepdims=True))
for layer in model.layers:
    if layer.name == "embedding":
        layer.set_weights([matrix])

table = np.random.normal(0.0, 0.1, (10, 3))
glove = keras.layers.Embedding(10, 3, weights=[table])(inputs)
