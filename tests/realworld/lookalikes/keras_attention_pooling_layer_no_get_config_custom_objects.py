"""The attention-pooling layer of keras#4596 (`Attention(output_dim, udim, init='glorot_uniform', input_dim=None)`, no `get_config`) written for Keras 3: its constructor arguments are numbers, a string and `None`, handed on with `**kwargs`, so Keras 3 derives the config from them, and the model loaded with the class in `custom_objects` predicts as the trained one.

Source: https://github.com/keras-team/keras/issues/4596
Shape: custom-layer, sequential, helper, save-load, custom-objects
Target: keras3
Runtime: runs
"""

import numpy as np
import keras
from keras import initializers, ops
from keras.layers import LSTM, Dense, Embedding, Layer


class Attention(Layer):
    def __init__(self, output_dim, udim, init="glorot_uniform", input_dim=None, **kwargs):
        self.init = initializers.get(init)
        self.output_dim = output_dim
        self.input_dim = input_dim
        self.udim = udim
        super().__init__(**kwargs)

    def build(self, input_shape):
        assert len(input_shape) == 3
        self.W = self.add_weight(shape=(input_shape[2], self.udim), initializer=self.init, name="W")
        self.b = self.add_weight(shape=(self.udim,), initializer="zeros", name="b")
        self.u = self.add_weight(shape=(self.udim,), initializer="zeros", name="u")

    def call(self, x):
        U = ops.tanh(ops.matmul(x, self.W) + self.b)
        weight = ops.softmax(ops.sum(U * self.u, axis=-1), axis=-1)
        return ops.sum(ops.expand_dims(weight, -1) * x, axis=1)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[2])


def build_model(vocab=20, units=6):
    model = keras.Sequential()
    model.add(keras.Input((7,), dtype="int32"))
    model.add(Embedding(vocab, 4))
    model.add(LSTM(units, return_sequences=True))
    model.add(Attention(output_dim=units, udim=5))
    model.add(Dense(2, activation="softmax"))
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    return model


rng = np.random.default_rng(0)
x = rng.integers(0, 20, (8, 7)).astype("int32")
y = rng.integers(0, 2, (8,))
model = build_model()
model.fit(x, y, epochs=1, verbose=0)
model.save("attention_model.keras")
restored = keras.models.load_model("attention_model.keras", custom_objects={"Attention": Attention})
np.testing.assert_allclose(model.predict(x, verbose=0), restored.predict(x, verbose=0), rtol=1e-5)
