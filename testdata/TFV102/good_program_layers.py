# Near misses of bad_program_layers.py: each runs.
import numpy as np
import keras
from keras import layers


class MainLayer(layers.Layer):
    def __init__(self, vocab_size, hidden, **kwargs):
        super().__init__(**kwargs)
        self.embeddings = layers.Embedding(vocab_size, hidden)
        self.pooler = layers.Dense(hidden, activation="tanh")

    def call(self, ids):
        return self.pooler(keras.ops.mean(self.embeddings(ids), axis=1))


class Stack(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.second = layers.Dense(3)
        self.first = layers.Dense(5)

    def call(self, x):
        return self.second(self.first(x))


class Scaled(layers.Layer):
    """Its own weight comes first in Keras 3; its shape is not known here."""

    def __init__(self, width, **kwargs):
        super().__init__(**kwargs)
        self.width = width
        self.dense = layers.Dense(4)

    def build(self, input_shape):
        self.scale = self.add_weight(name="scale", shape=(self.width,))

    def call(self, x):
        return self.dense(x) * self.scale


class Wrapped(layers.Layer):
    def __init__(self, inner, **kwargs):
        super().__init__(**kwargs)
        self.inner = inner

    def call(self, x):
        return self.inner(x)


def built(layer, shape, dtype="float32"):
    layer(np.zeros(shape, dtype))
    return layer


def case_same_vocabulary():
    source = built(MainLayer(30, 8), (1, 4), "int32")
    target = built(MainLayer(30, 8, name="target"), (1, 4), "int32")
    target.set_weights(source.get_weights())


def case_list_in_assignment_order():
    stack = built(Stack(), (1, 4))
    trained = built(Stack(), (1, 4))
    second, first = trained.second.get_weights(), trained.first.get_weights()
    stack.set_weights(second + first)


def case_own_weight_of_unknown_width(width=int("4")):
    layer = built(Scaled(width), (1, 6))
    layer.set_weights([np.ones(width), np.zeros((6, 4)), np.zeros(4)])


def case_sublayer_not_known(kind=str("dense")):
    inner = layers.Dense(5) if kind == "dense" else layers.Embedding(5, 5)
    layer = built(Wrapped(inner), (1, 4))
    layer.set_weights([np.zeros((4, 5)), np.zeros(5)])
