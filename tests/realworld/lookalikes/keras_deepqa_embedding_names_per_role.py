"""The fix of the report: the trainer's embedding helper takes the layer name as a parameter and the pre-trained, frozen `Embedding` gets a name of its own (`pretrained_embedding`), so the model that uses both layers builds.

Source: https://github.com/allenai/deep_qa/pull/186
Shape: class-method, helper, parameter, functional
Target: keras3
Runtime: runs
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
                name="pretrained_" + embedding_name,
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
print([layer.name for layer in model.layers])
