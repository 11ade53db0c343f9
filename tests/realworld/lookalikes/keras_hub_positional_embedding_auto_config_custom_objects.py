"""A transformer's `PositionalEmbedding(vocab_size, d_model, **kwargs)` layer (an `Embedding` plus a sinusoid table from a module-level `positional_encoding` helper) defines no `get_config` and is not registered, yet the `.keras` round trip works: Keras 3 records the `int` constructor arguments itself, and the load names the class in `custom_objects`.

Source: https://github.com/tensorflow/hub/issues/926
Shape: custom-layer, helper, functional, save-load, parameter
Target: keras3
Runtime: runs
"""

import numpy as np
import tensorflow as tf
import keras


def positional_encoding(length, depth):
    half_depth = depth / 2
    positions = np.arange(length)[:, np.newaxis]
    depths = np.arange(half_depth)[np.newaxis, :] / half_depth
    angle_rads = positions * (1 / (10000**depths))
    pos_encoding = np.concatenate([np.sin(angle_rads), np.cos(angle_rads)], axis=-1)
    return tf.cast(pos_encoding, dtype=tf.float32)


class PositionalEmbedding(keras.layers.Layer):
    def __init__(self, vocab_size, d_model, **kwargs):
        super().__init__(**kwargs)
        self.d_model = d_model
        self.embedding = keras.layers.Embedding(vocab_size, d_model)
        self.pos_encoding = positional_encoding(length=32, depth=d_model)

    def call(self, x):
        length = tf.shape(x)[1]
        x = self.embedding(x) * tf.math.sqrt(tf.cast(self.d_model, tf.float32))
        return x + self.pos_encoding[tf.newaxis, :length, :]


def build(vocab_size=30, d_model=8):
    tokens = keras.Input((6,), dtype="int32")
    x = PositionalEmbedding(vocab_size, d_model, name="pos_embedding")(tokens)
    out = keras.layers.Dense(2)(keras.layers.GlobalAveragePooling1D()(x))
    return keras.Model(tokens, out)


model = build()
print(model.get_layer("pos_embedding").get_config())
model.save("pos_model.keras")
restored = keras.models.load_model("pos_model.keras", custom_objects={"PositionalEmbedding": PositionalEmbedding})
x = np.random.randint(0, 30, (2, 6))
np.testing.assert_allclose(model.predict(x, verbose=0), restored.predict(x, verbose=0), rtol=1e-5)
