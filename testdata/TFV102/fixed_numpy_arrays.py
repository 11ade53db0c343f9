# Shapes numpy gives: numpy.random's size by position (np.random.normal(loc, scale, size)), a row reduction
# (`.sum(axis=1)`), `np.newaxis` and broadcasting (MatchZoo#629's row-normalised matrix, Email-Spam#1's GloVe
# matrix); and a loop over model.layers that writes the one layer a name test finds.
import numpy as np
import keras

inputs = keras.Input((4,), dtype="int32")
embedding = keras.layers.Embedding(6, 3, name="embedding")
model = keras.Model(inputs, keras.layers.Dense(1)(embedding(inputs)))

matrix = np.random.uniform(-0.2, 0.2, (7, 3))
matrix = matrix / np.sqrt((matrix * matrix).sum(axis=1))[:, np.newaxis]
for layer in model.layers:
    if layer.name == "embedding":
        layer.set_weights([matrix])  # expect: TFV102

table = np.random.normal(0.0, 0.1, (5, 3))
glove = keras.layers.Embedding(table.shape[0], 3, weights=[table])(inputs)  # expect: TFV102
