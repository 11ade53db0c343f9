"""An aspect-sentiment model class reads a saved embedding matrix in `__init__` (built for the full vocabulary) and, in its `build_model` method, gives it to an `Embedding` sized by the `num_words` argument the caller passes: the matrix has more rows than the layer.

Source: https://github.com/DUT-LiuYang/Aspect-Sentiment-Analysis/issues/1
Shape: class-attribute, parameter, functional
Target: keras3
Runtime: raises ValueError: not compatible with provided weight shape
"""

import numpy as np
import keras


class HAPN:
    def __init__(self, embedding_dim=6, vocab_size=9):
        self.max_len = 5
        # stand-in for the pickled matrix the EmbeddingWriter wrote for the whole corpus
        self.embedding_matrix = np.random.rand(vocab_size + 1, embedding_dim).astype("float32")
        self.embedding_dim = embedding_dim

    def build_model(self, num_words):
        sentence_input = keras.Input((self.max_len,), dtype="int32")
        sentence_embedding_layer = keras.layers.Embedding(num_words + 1, self.embedding_dim, weights=[self.embedding_matrix], trainable=False)  # expect: TFV102
        sentence_embedding = sentence_embedding_layer(sentence_input)
        pooled = keras.layers.GlobalAveragePooling1D()(sentence_embedding)
        return keras.Model(sentence_input, keras.layers.Dense(3, activation="softmax")(pooled))


model = HAPN().build_model(num_words=7)
