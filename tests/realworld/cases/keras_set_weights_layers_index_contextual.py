"""Feeds one sentence's contextual embeddings (1, tokens, dim) to model.layers[1].set_weights as if it were a vocabulary table.

Source: https://github.com/huggingface/transformers/issues/15034
Shape: functional, layers-index, module
Target: keras3
Runtime: raises ValueError: is not compatible with provided weight shape (1, 10, 12)
"""

import keras
import numpy as np

vocab_size, embed_dim, max_length = 30, 12, 10
word_embed = np.random.default_rng(0).normal(size=(1, max_length, embed_dim)).astype("float32")
embedding_matrix = word_embed

inputs2 = keras.Input(shape=(max_length,))
sent = keras.layers.Embedding(vocab_size, embed_dim, mask_zero=True)(inputs2)
sent = keras.layers.LSTM(4)(sent)
model = keras.Model(inputs2, keras.layers.Dense(1)(sent))

model.layers[1].set_weights([embedding_matrix])  # expect: TFV102
model.layers[1].trainable = False
