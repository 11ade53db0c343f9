"""The GloVe example builds the embedding matrix with num_words + 1 rows but gives the Embedding num_words inputs.

Source: https://github.com/keras-team/keras/issues/8006
Shape: module, functional, loop
Target: keras3
Runtime: raises ValueError: Layer embedding weight shape (20, 5) is not compatible with provided weight shape (21, 5)
"""

import keras
import numpy as np

MAX_NUM_WORDS = 20
EMBEDDING_DIM = 5
MAX_SEQUENCE_LENGTH = 6

word_index = {f"w{i}": i for i in range(1, 40)}
embeddings_index = {f"w{i}": np.full(EMBEDDING_DIM, i, "float32") for i in range(1, 40, 2)}

num_words = min(MAX_NUM_WORDS, len(word_index))
embedding_matrix = np.zeros((num_words + 1, EMBEDDING_DIM))
for word, i in word_index.items():
    if i > MAX_NUM_WORDS:
        continue
    embedding_vector = embeddings_index.get(word)
    if embedding_vector is not None:
        embedding_matrix[i] = embedding_vector

embedding_layer = keras.layers.Embedding(
    num_words,
    EMBEDDING_DIM,
    weights=[embedding_matrix],  # expect: TFV102
    trainable=False,
    name="embedding",
)
sequence_input = keras.Input(shape=(MAX_SEQUENCE_LENGTH,), dtype="int32")
embedded_sequences = embedding_layer(sequence_input)
