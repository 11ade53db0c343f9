"""A second model is built from a trained one by passing each layer's `get_weights()` to the new layer's `weights=`; `Dense` takes them, but `Bidirectional(LSTM(50), weights=w1)` hands them to its inner layers' unused `initial_weights`, so the copy's recurrent weights are fresh random ones and its predictions differ.

Source: https://github.com/keras-team/keras/issues/8957
Shape: helper, parameter, model-layers, functional, wrapper
Target: tf_keras
Runtime: silent: the second model's Bidirectional LSTM keeps its own random weights, so the two models predict differently
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
from tf_keras.layers import LSTM, Bidirectional, Dense, Input
from tf_keras.models import Model


def model_1():
    model_in = Input(shape=(6, 4))
    x = Bidirectional(LSTM(5))(model_in)
    x = Dense(units=2, activation="softmax")(x)
    model = Model(inputs=model_in, outputs=x)
    model.compile(loss="binary_crossentropy", optimizer="sgd")
    return model


def model_2(mod):
    model_in = Input(shape=(6, 4))
    w1 = mod.layers[1].get_weights()
    x = Bidirectional(LSTM(5), weights=w1)(model_in)  # expect: TFV201
    w2 = mod.layers[2].get_weights()
    x = Dense(units=2, activation="softmax", weights=w2)(x)
    model = Model(inputs=model_in, outputs=x)
    model.compile(loss="binary_crossentropy", optimizer="sgd")
    return model


model1 = model_1()
model2 = model_2(model1)
data = np.random.rand(3, 6, 4).astype("float32")
p1 = model1.predict(data, verbose=0)
p2 = model2.predict(data, verbose=0)
print(np.abs(p1 - p2).max())
if not np.allclose(p1, p2):
    print("TFVARFIX-BUG: the copied Bidirectional layer ignored weights= and predicts differently")
