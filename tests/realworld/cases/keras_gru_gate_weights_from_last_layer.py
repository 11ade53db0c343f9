"""To look at the trained gate matrices of a GRU network, the blog reads `kernel` / `recurrent_kernel` / `bias` straight off `model.layers[-1]` and slices them per gate; in Keras 3 those weights live on the layer's cell, and the recurrent layer has no `kernel` attribute.

Source: http://dieuwkehupkes.nl/finding-recurrent-network-weights-in-keras-models/
Shape: sequential, layers-index, negative-index, loop, rnn-weights
Target: keras3
Runtime: raises AttributeError: 'GRU' object has no attribute 'kernel'
"""

import numpy as np
from keras.layers import GRU, Embedding, Input
from keras.models import Sequential

model = Sequential()
model.add(Input((5,)))
model.add(Embedding(20, 4))
model.add(GRU(3))
model.compile(loss="mse", optimizer="sgd")
model.fit(np.random.randint(0, 20, (8, 5)), np.random.rand(8, 3), epochs=1, verbose=0)

layer = model.layers[-1]
units = layer.units
for name, matrix in (("kernel", layer.kernel), ("recurrent_kernel", layer.recurrent_kernel)):  # expect: TFV103
    values = matrix.numpy()
    for g, gate in enumerate(("z", "r", "h")):
        print(name, gate, values[:, g * units:(g + 1) * units].shape)
