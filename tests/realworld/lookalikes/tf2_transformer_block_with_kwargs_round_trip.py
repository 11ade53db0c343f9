"""The Transformer block forwards `**kwargs` to `Layer.__init__`; Keras 3 records its plain arguments, so save and load round-trip without a `get_config`.

Source: https://github.com/keras-team/keras/issues/19899
Shape: subclassed, helper, functional, class-attribute
Target: keras3
Runtime: runs
"""

import os
import tempfile

import numpy as np
import keras
from keras import layers


class TransformerBlock(layers.Layer):
    def __init__(self, embed_dim, num_heads, ff_dim, rate=0.1, **kwargs):
        super().__init__(**kwargs)
        self.att = layers.MultiHeadAttention(num_heads, embed_dim)
        self.ffn = keras.Sequential([layers.Dense(ff_dim, activation="relu"), layers.Dense(embed_dim)])
        self.norm1 = layers.LayerNormalization(epsilon=1e-6)
        self.norm2 = layers.LayerNormalization(epsilon=1e-6)
        self.drop1 = layers.Dropout(rate)
        self.drop2 = layers.Dropout(rate)

    def call(self, inputs, training=False):
        attn = self.drop1(self.att(inputs, inputs), training=training)
        out1 = self.norm1(inputs + attn)
        ffn = self.drop2(self.ffn(out1), training=training)
        return self.norm2(out1 + ffn)


def create_model(maxlen, vocab_size, embed_dim):
    inputs = layers.Input((maxlen,), dtype="int32")
    x = layers.Embedding(vocab_size, embed_dim)(inputs)
    x = TransformerBlock(embed_dim, 2, 8)(x)
    outputs = layers.Dense(vocab_size)(x)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    return model


model = create_model(5, 11, 4)
tokens = np.random.randint(0, 11, (3, 5))
model.fit(tokens, tokens, epochs=1, verbose=0)
path = os.path.join(tempfile.mkdtemp(), "miniature.keras")
model.save(path)
loaded = keras.models.load_model(path, custom_objects={"TransformerBlock": TransformerBlock})

# --- probe ---
same = np.allclose(loaded.predict(tokens, verbose=0), model.predict(tokens, verbose=0), atol=1e-5)
print("TFVARFIX-OK" if same else "TFVARFIX-BUG")
