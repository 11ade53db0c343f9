"""A one-shot siamese network gives its convolutions the plain functions `W_init` and `b_init` (normal draws, as in the paper) as `kernel_initializer` / `bias_initializer`; the model trains and saves, but `load_model` cannot rebuild an initializer from a bare function name.

Source: https://github.com/sorenbouma/keras-oneshot/issues/10
Shape: function-initializer, sequential, siamese, save-load
Target: keras3
Runtime: raises TypeError: Could not interpret initializer identifier
"""

import os
import tempfile

import numpy as np
import numpy.random as rng
import keras
from keras import ops
from keras.layers import Conv2D, Dense, Flatten, Input, Lambda, MaxPooling2D
from keras.models import Model, Sequential, load_model
from keras.regularizers import l2


def W_init(shape, dtype=None):  # expect: TFV202
    """Initialize weights as in paper"""
    values = rng.normal(loc=0, scale=1e-2, size=shape)
    return ops.convert_to_tensor(values, dtype=dtype)


def b_init(shape, dtype=None):  # expect: TFV202
    """Initialize bias as in paper"""
    values = rng.normal(loc=0.5, scale=1e-2, size=shape)
    return ops.convert_to_tensor(values, dtype=dtype)


input_shape = (20, 20, 1)
left_input = Input(input_shape)
right_input = Input(input_shape)
# build convnet to use in each siamese 'leg'
convnet = Sequential()
convnet.add(Input(input_shape))
convnet.add(Conv2D(8, (5, 5), activation='relu', kernel_initializer=W_init, kernel_regularizer=l2(2e-4)))
convnet.add(MaxPooling2D())
convnet.add(Conv2D(16, (3, 3), activation='relu', kernel_regularizer=l2(2e-4), kernel_initializer=W_init, bias_initializer=b_init))
convnet.add(Flatten())
convnet.add(Dense(32, activation="sigmoid", kernel_regularizer=l2(1e-3), kernel_initializer=W_init, bias_initializer=b_init))
# encode each of the two inputs into a vector with the convnet
encoded_l = convnet(left_input)
encoded_r = convnet(right_input)
# merge two encoded inputs with the l1 distance between them
both = Lambda(lambda x: ops.abs(x[0] - x[1]))([encoded_l, encoded_r])  # expect: TFV202
prediction = Dense(1, activation='sigmoid', bias_initializer=b_init)(both)
siamese_net = Model(inputs=[left_input, right_input], outputs=prediction)

siamese_net.compile(loss="binary_crossentropy", optimizer=keras.optimizers.Adam(6e-5))
pairs = [np.random.rand(4, 20, 20, 1), np.random.rand(4, 20, 20, 1)]
siamese_net.fit(pairs, np.array([1, 0, 1, 0]), epochs=1, verbose=0)

path = os.path.join(tempfile.mkdtemp(), "siamese.keras")
siamese_net.save(path)
siamese_net = load_model(path, safe_mode=False)
print(siamese_net.count_params())
