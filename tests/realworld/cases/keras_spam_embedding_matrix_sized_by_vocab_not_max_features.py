"""The GloVe matrix is sized `nb_words = min(max_features, len(word_index))` rows, but the `Embedding` it initialises is declared with `max_features` rows; the tokenizer was never fit on the texts, so `word_index` is empty, the matrix has no rows and cannot be the layer's (max_features, embed_size) embeddings.

Source: https://github.com/edricgsh/Email-Spam-Detection-Python/issues/1
Shape: module, loop, container, functional
Target: keras3
Runtime: raises ValueError: weight shape (10, 4) is not compatible with provided weight shape (0, 4)
"""

import numpy as np
from keras.layers import Dense, Embedding, GlobalMaxPool1D, Input
from keras.models import Model

max_features = 10
maxlen = 6
embed_size = 4
word_index = {}  # tokenizer.word_index of a tokenizer that was never fit
embeddings_index = {"free": np.ones(embed_size), "offer": np.full(embed_size, 0.5)}
emb_mean, emb_std = 0.0, 0.1

nb_words = min(max_features, len(word_index))
embedding_matrix = np.random.normal(emb_mean, emb_std, (nb_words, embed_size))
for word, i in word_index.items():
    if i >= max_features:
        continue
    embedding_vector = embeddings_index.get(word)
    if embedding_vector is not None:
        embedding_matrix[i] = embedding_vector

inp = Input(shape=(maxlen,))
x = Embedding(max_features, embed_size, weights=[embedding_matrix])(inp)  # expect: TFV102
x = GlobalMaxPool1D()(x)
x = Dense(1, activation="sigmoid")(x)
model = Model(inputs=inp, outputs=x)
model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
model.summary()
