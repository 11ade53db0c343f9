"""The patch in keras#8006: the Embedding gets as many rows as the matrix (num_words = min(MAX, len(word_index)) + 1).

Source: https://github.com/keras-team/keras/issues/8006
Shape: module, functional, loop
Target: keras3
Runtime: runs
"""

import keras
import numpy as np

MAX_NUM_WORDS = 20
EMBEDDING_DIM = 5
MAX_SEQUENCE_LENGTH = 6

word_index = {f"w{i}": i for i in range(1, 40)}
embeddings_index = {f"w{i}": np.full(EMBEDDING_DIM, i, "float32") for i in range(1, 40, 2)}

num_words = min(MAX_NUM_WORDS, len(word_index)) + 1
embedding_matrix = np.zeros((num_words, EMBEDDING_DIM))
for word, i in word_index.items():
    if i >= MAX_NUM_WORDS:
        continue
    embedding_vector = embeddings_index.get(word)
    if embedding_vector is not None:
        embedding_matrix[i] = embedding_vector

embedding_layer = keras.layers.Embedding(num_words, EMBEDDING_DIM, weights=[embedding_matrix], trainable=False)
sequence_input = keras.Input(shape=(MAX_SEQUENCE_LENGTH,), dtype="int32")
embedded_sequences = embedding_layer(sequence_input)
print(embedding_layer.embeddings.shape)
