# Near misses of Bidirectional(weights=...): the values written by set_weights once the wrapper is built, and a
# plain Embedding given weights= (Keras 3 writes those at its build).
import numpy as np
import keras
from keras import layers

trained_inputs = keras.Input((6, 4))
trained = layers.Bidirectional(layers.LSTM(5))
trained_model = keras.Model(trained_inputs, trained(trained_inputs))

inputs = keras.Input((6, 4))
bidi = layers.Bidirectional(layers.LSTM(5))
copy = keras.Model(inputs, bidi(inputs))
bidi.set_weights(trained.get_weights())
embedding = layers.Embedding(3, 2, weights=[np.zeros((3, 2))])
unset = layers.Bidirectional(layers.GRU(2), weights=None)
assert np.allclose(copy.predict(np.ones((1, 6, 4)), verbose=0), trained_model.predict(np.ones((1, 6, 4)), verbose=0))
