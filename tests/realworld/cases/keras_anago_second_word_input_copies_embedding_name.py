"""A sequence-labelling model class builds its word embedding in `build()` (a pre-trained branch when vectors are given, `name="word_embedding"`); a user adding a second word input copies that Embedding call, name included, so the functional model holds two layers called `word_embedding` (the reporter saw shape errors after the copy; Keras 3 refuses the model first, on the duplicate name).

Source: https://github.com/Hironsan/anago/issues/124
Shape: class-method, class-attribute, parameter, branch, functional, wrapper
Target: keras3
Runtime: raises ValueError: The name "word_embedding" is used 2 times in the model
"""

import keras
import numpy as np
from keras.layers import LSTM, Bidirectional, Concatenate, Dense, Dropout, Embedding, Input, TimeDistributed


class BiLSTMCRF:
    def __init__(
        self,
        num_labels,
        word_vocab_size,
        char_vocab_size=None,
        word_embedding_dim=8,
        char_embedding_dim=4,
        word_lstm_size=6,
        char_lstm_size=3,
        dropout=0.5,
        embeddings=None,
        use_char=True,
    ):
        self._num_labels = num_labels
        self._word_vocab_size = word_vocab_size
        self._char_vocab_size = char_vocab_size
        self._word_embedding_dim = word_embedding_dim
        self._char_embedding_dim = char_embedding_dim
        self._word_lstm_size = word_lstm_size
        self._char_lstm_size = char_lstm_size
        self._dropout = dropout
        self._embeddings = embeddings
        self._use_char = use_char

    def build(self):
        word_ids = Input(batch_shape=(None, None), dtype="int32", name="word_input")
        word_ids_two = Input(batch_shape=(None, None), dtype="int32", name="word_input2")
        inputs = [word_ids, word_ids_two]
        if self._embeddings is None:
            word_embeddings = Embedding(
                input_dim=self._word_vocab_size,
                output_dim=self._word_embedding_dim,
                mask_zero=True,
                name="word_embedding",
            )(word_ids)
            word_embeddings_two = word_embeddings
        else:
            word_embeddings = Embedding(
                input_dim=self._embeddings.shape[0],
                output_dim=self._embeddings.shape[1],
                mask_zero=True,
                weights=[self._embeddings],
                name="word_embedding",
            )(word_ids)
            word_embeddings_two = Embedding(
                input_dim=self._embeddings.shape[0],
                output_dim=self._embeddings.shape[1],
                mask_zero=True,
                weights=[self._embeddings],
                name="word_embedding",  # expect: TFV104
            )(word_ids_two)

        if self._use_char:
            char_ids = Input(batch_shape=(None, None, None), dtype="int32", name="char_input")
            inputs.append(char_ids)
            char_embeddings = Embedding(
                input_dim=self._char_vocab_size,
                output_dim=self._char_embedding_dim,
                name="char_embedding",
            )(char_ids)
            char_embeddings = TimeDistributed(Bidirectional(LSTM(self._char_lstm_size)))(char_embeddings)
            word_embeddings = Concatenate()([word_embeddings, word_embeddings_two, char_embeddings])
        else:
            word_embeddings = Concatenate()([word_embeddings, word_embeddings_two])

        word_embeddings = Dropout(self._dropout)(word_embeddings)
        z = Bidirectional(LSTM(units=self._word_lstm_size, return_sequences=True))(word_embeddings)
        z = Dense(self._word_lstm_size, activation="tanh")(z)
        pred = Dense(self._num_labels, activation="softmax")(z)
        return keras.Model(inputs=inputs, outputs=pred)


vectors = np.random.rand(30, 8).astype("float32")
tagger = BiLSTMCRF(num_labels=5, word_vocab_size=30, char_vocab_size=12, embeddings=vectors)
model = tagger.build()
model.summary()
