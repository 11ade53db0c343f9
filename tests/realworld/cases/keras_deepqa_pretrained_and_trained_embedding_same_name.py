"""A trainer class embeds its inputs through one helper method that makes a trainable `Embedding` and, for pre-trained vectors, a second frozen one; both are created with the default `name="embedding"`, so the model that uses both has two layers of one name and Keras refuses to build it.

Source: https://github.com/allenai/deep_qa/pull/186
Shape: class-method, helper, parameter, functional
Target: keras3
Runtime: raises ValueError: is used 2 times in the model
"""

import numpy as np
import keras
from keras import layers


class TextTrainer:
    def __init__(self, vocab_size, embedding_dim, pretrained_matrix=None):
        self.vocab_size = vocab_size
        self.embedding_dim = embedding_dim
        self.pretrained_matrix = pretrained_matrix

    def _get_embedded_input(self, input_layer, embedding_name="embedding"):
        embedding = layers.Embedding(self.vocab_size, self.embedding_dim, name=embedding_name)
        embedded = embedding(input_layer)
        if self.pretrained_matrix is not None:
            pretrained = layers.Embedding(
                self.vocab_size,
                self.embedding_dim,
                embeddings_initializer=keras.initializers.Constant(self.pretrained_matrix),
                trainable=False,
                name=embedding_name,  # expect: TFV104
            )
            embedded = layers.Concatenate()([embedded, pretrained(input_layer)])
        return embedded

    def build_model(self):
        words = keras.Input((7,), dtype="int32")
        embedded = self._get_embedded_input(words)
        pooled = layers.GlobalAveragePooling1D()(embedded)
        return keras.Model(words, layers.Dense(2, activation="softmax")(pooled))


trainer = TextTrainer(20, 4, pretrained_matrix=np.random.rand(20, 4).astype("float32"))
model = trainer.build_model()
model.summary()
