"""A hierarchical attention network (`HAN`, a functional `Model` subclass built in `_build_network` from word and sentence encoder helpers; the word encoder's layers are each wrapped in `TimeDistributed` here, since Keras 3's `TimeDistributed` of the original word-encoder `Model` fails to build) reads its sentence attention weights in `predict_sentence_attention` through a throw-away `Lambda(lambda x: att_layer._get_attention_weights(x))` over `get_layer('sentence_attention')`; the Lambda tracks no weights, but the layer is the model's own (trained and saved with it) and the probe model only predicts, as the maintainer said.

Source: https://github.com/FlorisHoogenboom/keras-han-for-docla/issues/7
Shape: model-subclass, helper, functional, time-distributed, lambda, get-layer, method
Target: keras3
Runtime: runs
"""

import numpy as np
import keras
from keras import ops
from keras.layers import GRU, Bidirectional, Dense, Embedding, Input, Lambda, TimeDistributed
from keras.models import Model


class AttentionLayer(keras.layers.Layer):
    def __init__(self, context_vector_length=10, **kwargs):
        self.context_vector_length = context_vector_length
        super().__init__(**kwargs)

    def build(self, input_shape):
        dim = input_shape[-1]
        self.W = self.add_weight(name="W", shape=(dim, self.context_vector_length), initializer="uniform")
        self.u = self.add_weight(name="context_vector", shape=(self.context_vector_length, 1), initializer="uniform")

    def _get_attention_weights(self, X):
        u_tw = ops.tanh(ops.matmul(X, self.W))
        tw_stimulus = ops.matmul(u_tw, self.u)
        tw_stimulus = ops.reshape(tw_stimulus, (-1, tw_stimulus.shape[1]))
        return ops.softmax(tw_stimulus)

    def call(self, X):
        att_weights = self._get_attention_weights(X)
        att_weights = ops.expand_dims(att_weights, -1)
        return ops.sum(X * att_weights, axis=1)

    def compute_output_shape(self, input_shape):
        return input_shape[0], input_shape[2]

    def get_config(self):
        config = {"context_vector_length": self.context_vector_length}
        base_config = super().get_config()
        return {**base_config, **config}


class HAN(Model):
    def __init__(self, max_words, max_sentences, output_size, embedding_matrix, word_encoding_dim=8,
                 sentence_encoding_dim=8, name="han-for-docla"):
        self.max_words = max_words
        self.max_sentences = max_sentences
        self.output_size = output_size
        self.embedding_matrix = embedding_matrix
        self.word_encoding_dim = word_encoding_dim
        self.sentence_encoding_dim = sentence_encoding_dim
        in_tensor, out_tensor = self._build_network()
        super().__init__(inputs=in_tensor, outputs=out_tensor, name=name)

    def build_word_encoder(self, embedding_matrix, encoding_dim):
        vocabulary_size, embedding_dim = embedding_matrix.shape
        embedding_layer = Embedding(
            vocabulary_size, embedding_dim,
            embeddings_initializer=keras.initializers.Constant(embedding_matrix), trainable=False,
        )
        return [embedding_layer, Bidirectional(GRU(encoding_dim // 2, return_sequences=True))]

    def build_sentence_encoder(self, max_sentences, summary_dim, encoding_dim):
        text_input = Input(shape=(max_sentences, summary_dim))
        encoded_sentences = Bidirectional(GRU(encoding_dim // 2, return_sequences=True))(text_input)
        return Model(inputs=text_input, outputs=encoded_sentences, name="sentence_encoder")

    def _build_network(self):
        in_tensor = Input(shape=(self.max_sentences, self.max_words))
        word_rep = in_tensor
        for i, layer in enumerate(self.build_word_encoder(self.embedding_matrix, self.word_encoding_dim)):
            word_rep = TimeDistributed(layer, name=f"word_encoder_{i}")(word_rep)
        sentence_rep = TimeDistributed(AttentionLayer(), name="word_attention")(word_rep)
        doc_rep = self.build_sentence_encoder(
            self.max_sentences, self.word_encoding_dim, self.sentence_encoding_dim
        )(sentence_rep)
        doc_summary = AttentionLayer(name="sentence_attention")(doc_rep)
        out_tensor = Dense(self.output_size, activation="softmax", name="class_prediction")(doc_summary)
        return in_tensor, out_tensor

    def predict_sentence_attention(self, X):
        att_layer = self.get_layer("sentence_attention")
        prev_tensor = att_layer.input
        dummy_layer = Lambda(lambda x: att_layer._get_attention_weights(x))(prev_tensor)
        return Model(self.input, dummy_layer).predict(X, verbose=0)


embedding_matrix = np.random.rand(30, 6).astype("float32")
han = HAN(max_words=7, max_sentences=4, output_size=3, embedding_matrix=embedding_matrix)
han.compile(optimizer="adam", loss="categorical_crossentropy")
docs = np.random.randint(0, 30, (8, 4, 7)).astype("float32")
labels = keras.utils.to_categorical(np.random.randint(0, 3, 8), 3)
han.fit(docs, labels, epochs=1, verbose=0)
attention = han.predict_sentence_attention(docs)
assert attention.shape == (8, 4)
np.testing.assert_allclose(attention.sum(axis=1), np.ones(8), rtol=1e-5)
assert any(w.path.startswith("sentence_attention/") for w in han.trainable_weights)
