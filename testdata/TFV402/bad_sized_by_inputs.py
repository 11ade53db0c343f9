# Layers made and called on the spot in `call()`, sized by the inputs' shape (a self-attention block's 1x1
# projections, scrabble-gan#7): a new set of weights on every call. They belong in `build(input_shape)`.
import numpy as np
from tensorflow import keras


class Attention(keras.layers.Layer):
    def __init__(self, ratio=2, **kwargs):
        super().__init__(**kwargs)
        self.ratio = ratio

    def call(self, inputs):
        channels = inputs.shape[-1]
        reduced = channels // self.ratio
        query = keras.layers.Dense(reduced, use_bias=False,  # expect: TFV402
                                   name="query")(inputs)
        key = keras.layers.Dense(reduced, use_bias=False, name="key")(inputs)  # expect: TFV402
        scores = keras.ops.softmax(keras.ops.matmul(query, keras.ops.transpose(key, (0, 2, 1))))
        return keras.layers.Dense(channels)(keras.ops.matmul(scores, inputs))  # expect: TFV402


class Gated(keras.layers.Layer):
    def build(self, input_shape):
        self.gate = self.add_weight(name="gate", shape=(), initializer="zeros")

    def call(self, inputs):
        steps, width = inputs.shape[1:]
        mixed = keras.layers.Dense(width)(inputs)  # expect: TFV402
        return inputs + self.gate * mixed


def train(layer):
    inputs = keras.Input((4, 6))
    model = keras.Model(inputs, layer(inputs))
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((8, 4, 6), "float32"), np.ones((8, 4, 6), "float32"), epochs=1, verbose=0)
    return model


def case_attention():
    return train(Attention())


def case_gated():
    return train(Gated())
