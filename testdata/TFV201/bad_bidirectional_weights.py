# Bidirectional's own `weights=` (keras#8957): the wrapper hands the list to its directions' `initial_weights`,
# which nothing reads, so both directions keep their initializer's values (Keras 3 and tf_keras alike).
import numpy as np
import keras
from keras import layers

trained_inputs = keras.Input((6, 4))
trained = layers.Bidirectional(layers.LSTM(5))
trained_model = keras.Model(trained_inputs, trained(trained_inputs))


def copy_of(source):
    inputs = keras.Input((6, 4))
    bidi = layers.Bidirectional(layers.LSTM(5), weights=source.get_weights())  # expect: TFV201
    return keras.Model(inputs, bidi(inputs))


copy = copy_of(trained)
constant = layers.Bidirectional(layers.GRU(3), weights=[np.zeros((4, 9)), np.zeros((3, 9)), np.zeros((2, 9))] * 2)  # expect: TFV201
