"""A text classifier builds its pre-trained embedding matrix from one tokenizer's vocabulary (`len(word_index) + 1` rows) but sizes the Embedding layer from a different vocabulary count, so the matrix cannot be loaded into the layer.

Source: https://github.com/wooseok-shin/HSCode_identification/issues/1
Shape: helper, functional, container
Target: keras3
Runtime: raises ValueError: Layer emb weight shape (21, 300) is not compatible with provided weight shape (19, 300)
"""

import numpy as np
import keras
from keras import layers

EMBEDDING_DIM = 300
MAX_LEN = 5

word_index = {f"w{i}": i + 1 for i in range(18)}  # tokenizer fitted on the training texts
vocab_size = 20 + 1  # counted on train + test texts elsewhere in the script


def load_embedding_matrix(word_index):
    embedding_matrix = np.zeros((len(word_index) + 1, EMBEDDING_DIM))
    for word, i in word_index.items():
        embedding_matrix[i] = np.full(EMBEDDING_DIM, 0.01 * i)
    return embedding_matrix


def build_model(embedding_matrix):
    inp = keras.Input(shape=(MAX_LEN,))
    emb = layers.Embedding(vocab_size, EMBEDDING_DIM, name="emb", trainable=False)
    x = emb(inp)
    emb.set_weights([embedding_matrix])  # expect: TFV102
    x = layers.GlobalMaxPooling1D()(x)
    out = layers.Dense(4, activation="softmax")(x)
    return keras.Model(inp, out)


model = build_model(load_embedding_matrix(word_index))
