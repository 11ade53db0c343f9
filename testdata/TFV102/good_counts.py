# Near misses: lists of the right length, a guard on use_bias, a count that is not known, a mismatch inside a
# handler of ValueError.
import os
import pickle

import numpy as np
import keras
from keras import layers

model = keras.Sequential([keras.Input((3,)), layers.Dense(4), layers.Dense(2, use_bias=False)])
model.compile(optimizer="sgd", loss="mse")
model.fit(np.zeros((2, 3)), np.zeros((2, 2)), verbose=0)  # trained: the edits below are not initial values
for layer in model.layers:
    w = layer.get_weights()[0]
    if layer.use_bias:
        layer.set_weights([w, np.zeros(layer.units)])
    else:
        layer.set_weights([w])
bn = layers.BatchNormalization()
bn.build((None, 8))
bn.set_weights([np.ones(8) for _ in range(int(os.environ.get("BN_ARRAYS", "4")))])


def restore(layer, arrays):
    layer.set_weights(arrays)  # how many is not known


restore(model.layers[0], pickle.loads(pickle.dumps(model.layers[0].get_weights())))
dense = layers.Dense(3)
dense.build((None, 2))
try:
    dense.set_weights([np.zeros((2, 3))])
except ValueError:
    pass
