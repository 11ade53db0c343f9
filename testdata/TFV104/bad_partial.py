# A functools.partial of a layer class that fixes the name: each call makes a layer with that name
# (measured, Keras 3.15: keras.Model raises 'The name "fc" is used 2 times in the model').
from functools import partial

import keras
from keras import layers

Dense = partial(layers.Dense, activation="relu", name="fc")
inputs = keras.Input((4,))
x = Dense(8)(inputs)
x = Dense(4)(x)  # expect: TFV104
model = keras.Model(inputs, x)
