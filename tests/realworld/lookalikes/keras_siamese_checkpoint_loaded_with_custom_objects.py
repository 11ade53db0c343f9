"""The usual answer to the siamese checkpoint load error: keep the plain initializer functions, but hand them to `load_model` in `custom_objects`, so the saved function names resolve.

Source: https://github.com/hlamba28/One-Shot-Learning-with-Siamese-Networks/issues/3
Shape: function-initializer, custom-objects, helper, sequential, siamese, callback, save-load
Target: keras3
Runtime: runs
"""

import os
import tempfile

import numpy as np
import keras
from keras.callbacks import ModelCheckpoint
from keras.layers import Conv2D, Dense, Flatten, Input, MaxPooling2D, Subtract
from keras.models import Model, Sequential, load_model
from keras.regularizers import l2


def initialize_weights(shape, dtype=None):
    return keras.random.normal(shape, mean=0.0, stddev=1e-2, dtype=dtype)


def initialize_bias(shape, dtype=None):
    return keras.random.normal(shape, mean=0.5, stddev=1e-2, dtype=dtype)


def get_siamese_model(input_shape):
    left_input = Input(input_shape)
    right_input = Input(input_shape)
    model = Sequential()
    model.add(Input(input_shape))
    model.add(Conv2D(8, (5, 5), activation="relu", kernel_initializer=initialize_weights, kernel_regularizer=l2(2e-4)))
    model.add(MaxPooling2D())
    model.add(Flatten())
    model.add(Dense(32, activation="sigmoid", kernel_regularizer=l2(1e-3),
                    kernel_initializer=initialize_weights, bias_initializer=initialize_bias))
    encoded_l = model(left_input)
    encoded_r = model(right_input)
    L1_distance = Subtract()([encoded_l, encoded_r])
    prediction = Dense(1, activation="sigmoid", bias_initializer=initialize_bias)(L1_distance)
    return Model(inputs=[left_input, right_input], outputs=prediction)


model = get_siamese_model((20, 20, 1))
model.compile(loss="binary_crossentropy", optimizer=keras.optimizers.Adam(6e-5))
checkpoint_path = os.path.join(tempfile.mkdtemp(), "binary_custom.keras")
pairs = [np.random.rand(8, 20, 20, 1), np.random.rand(8, 20, 20, 1)]
targets = np.array([1, 0] * 4)
model.fit(pairs, targets, epochs=2, verbose=0, validation_data=(pairs, targets),
          callbacks=[ModelCheckpoint(checkpoint_path, save_best_only=True)])

model = load_model(checkpoint_path, safe_mode=False,
                   custom_objects={"initialize_weights": initialize_weights, "initialize_bias": initialize_bias})
print(model.predict(pairs, verbose=0)[:2])
