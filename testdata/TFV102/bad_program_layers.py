# set_weights on a layer or model of the program: its weights are those of the layers it tracks, in the order its
# attributes were assigned (A-hybrid-architecture-for-out-of-domain-intent-detection#1: a BERT main layer copied
# from a classifier built with another vocabulary).
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


class Encoder(keras.Model):
    def __init__(self, vocab_size, **kwargs):
        super().__init__(**kwargs)
        self.main = MainLayer(vocab_size, 8, name="main")
        self.head = layers.Dense(3)

    def call(self, ids):
        return self.head(self.main(ids))


class Stack(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.second = layers.Dense(3)  # assigned first: its weights come first, though it is built second
        self.first = layers.Dense(5)

    def call(self, x):
        return self.second(self.first(x))


def built(layer, shape, dtype="float32"):
    layer(np.zeros(shape, dtype))
    return layer


def case_program_layer_of_another_vocabulary():
    source = built(MainLayer(30, 8), (1, 4), "int32")
    target = built(MainLayer(50, 8, name="target"), (1, 4), "int32")
    target.set_weights(source.get_weights())  # expect: TFV102


def case_subclassed_model_layer_by_index():
    source = built(Encoder(30), (1, 4), "int32")
    target = built(Encoder(50), (1, 4), "int32")
    target.layers[0].set_weights(source.layers[0].get_weights())  # expect: TFV102


def case_whole_subclassed_model():
    source = built(Encoder(30), (1, 4), "int32")
    target = built(Encoder(50), (1, 4), "int32")
    target.set_weights(source.get_weights())  # expect: TFV102


def case_list_in_build_order():
    stack = built(Stack(), (1, 4))
    stack.set_weights([np.zeros((4, 5)), np.zeros(5), np.zeros((5, 3)), np.zeros(3)])  # expect: TFV102


def case_program_layer_list_too_short():
    layer = built(MainLayer(30, 8), (1, 4), "int32")
    layer.set_weights(layer.get_weights()[:2])  # expect: TFV102
