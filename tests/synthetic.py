"""Synthetic but realistic TF/Keras code for the speed tests: blocks of models, layers, custom layers, TF1 graph
code and plain helpers, with a few real findings in every block (TFV103, TFV104, TFV106), at any size."""

from __future__ import annotations

HEADER = '''"""Generated for tfvarfix's growth and parallel tests."""
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.layers import LSTM

REGISTRY = {}
'''

BLOCK = """

# ---- block {i}
def build_encoder_{i}(units={units}, vocab=1000):
    inputs = keras.Input((None,), dtype="int32", name="tokens_{i}")
    x = layers.Embedding(vocab, 32, name="embed_{i}")(inputs)
    x = layers.Bidirectional(layers.GRU(units, return_sequences=True), name="bi_{i}")(x)
    x = layers.Dropout(0.1)(x)
    outputs = layers.Dense(8, activation="softmax", name="head_{i}")(x)
    return keras.Model(inputs, outputs, name="encoder_{i}")


def read_weights_{i}():
    lstm = LSTM({units}, name="lstm_{i}")
    lstm(np.zeros((2, 3, 5), "float32"))
    kernel = lstm.kernel
    return kernel, lstm.cell.recurrent_kernel


def stacked_{i}():
    return keras.Sequential([
        keras.Input((16,)),
        keras.layers.Dense({units}, name="hidden_{i}"),
        keras.layers.Dense({units}, name="hidden_{i}"),
        keras.layers.Dense(4, name="out_{i}"),
    ])


class Scale{i}(keras.layers.Layer):
    def __init__(self, factor={i}.0, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor
        self.offset = tf.Variable(0.0, name="offset_{i}")

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="w_{i}")

    def call(self, inputs):
        return inputs * self.w * self.factor + self.offset


def graph_{i}(batch):
    with tf.compat.v1.variable_scope("block_{i}"):
        w = tf.compat.v1.get_variable("w", shape=[4, 4])
        return tf.matmul(batch, w)


def preprocess_{i}(values, scale=1.0):
    total = 0.0
    for index, value in enumerate(values):
        if index % 2:
            total += value * scale
        else:
            total -= value / (scale + {i})
    return {{"total": total, "count": len(values), "block": {i}}}


model_{i} = build_encoder_{i}()
REGISTRY["encoder_{i}"] = model_{i}
summary_{i} = [layer.name for layer in model_{i}.layers if layer.trainable]
"""

BLOCK_LINES = BLOCK.count("\n")
FINDINGS_PER_BLOCK = 3  # TFV103 (lstm.kernel), TFV104 (hidden_i twice), TFV106 (self.offset)


def module(lines: int) -> str:
    """A module of about `lines` lines (never fewer), made of numbered blocks."""
    return blocks(max(1, -(-(lines - HEADER.count("\n")) // BLOCK_LINES)))


def blocks(count: int) -> str:
    """A module of `count` blocks, each with FINDINGS_PER_BLOCK findings."""
    return HEADER + "".join(BLOCK.format(i=i, units=8 + i % 56) for i in range(count))


def plain(i: int) -> str:
    """A module that never mentions TensorFlow or Keras."""
    return f"import math\n\n\ndef area_{i}(r):\n    return math.pi * r * r\n"
