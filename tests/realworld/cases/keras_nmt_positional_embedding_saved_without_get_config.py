"""The English-to-Spanish transformer example's `PositionalEmbedding(sequence_length, vocab_size, embed_dim)` builds two Embedding sub-layers and is neither registered nor given a `get_config`; `transformer.save(...)` writes and loading the file back fails.

Source: https://github.com/keras-team/keras-io/pull/894
Shape: subclassed, functional, nested-layer, load
Target: tf_keras
Runtime: raises TypeError: Cannot deserialize object of type `PositionalEmbedding`
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class PositionalEmbedding(layers.Layer):  # expect: TFV202
    def __init__(self, sequence_length, vocab_size, embed_dim, **kwargs):
        super().__init__(**kwargs)
        self.token_embeddings = layers.Embedding(input_dim=vocab_size, output_dim=embed_dim)
        self.position_embeddings = layers.Embedding(input_dim=sequence_length, output_dim=embed_dim)
        self.sequence_length = sequence_length
        self.vocab_size = vocab_size
        self.embed_dim = embed_dim

    def call(self, inputs):
        length = tf.shape(inputs)[-1]
        positions = tf.range(start=0, limit=length, delta=1)
        return self.token_embeddings(inputs) + self.position_embeddings(positions)


sequence_length, vocab_size, embed_dim = 8, 50, 16
encoder_inputs = keras.Input(shape=(None,), dtype="int64", name="encoder_inputs")
x = PositionalEmbedding(sequence_length, vocab_size, embed_dim)(encoder_inputs)
x = layers.GlobalAveragePooling1D()(x)
decoder_outputs = layers.Dense(vocab_size, activation="softmax")(x)
transformer = keras.Model(encoder_inputs, decoder_outputs, name="transformer")
transformer.compile("rmsprop", loss="sparse_categorical_crossentropy")
transformer.fit(np.random.randint(0, vocab_size, (8, sequence_length)), np.random.randint(0, vocab_size, 8), epochs=1, verbose=0)
transformer.save("transformer.keras")
restored = keras.models.load_model("transformer.keras")
