"""A helper makes one frozen per-timestep projection per pretrained head, passing the saved kernel and bias to `Dense(weights=...)` and wrapping each in TimeDistributed in a loop; the wrapper never applies them, so every head is random.

Source: https://github.com/keras-team/keras/issues/6038
Shape: helper, loop, container, wrapper, constructor-weights, get_layer
Target: tf_keras
Runtime: silent: each head's kernel is random, not the pretrained values it was given
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers


def pretrained_heads():
    return {
        "head_a": [np.full((3, 2), 0.5, "float32"), np.zeros(2, "float32")],
        "head_b": [np.eye(3, 2, dtype="float32"), np.ones(2, "float32")],
    }


def projection(name, weights):
    dense = layers.Dense(2, weights=weights, trainable=False)  # expect: TFV201
    return layers.TimeDistributed(dense, name=name)


def build(heads):
    seq = layers.Input((4, 3))
    outs = [projection(name, w)(seq) for name, w in heads.items()]
    return tf.keras.Model(seq, layers.Concatenate()(outs))


heads = pretrained_heads()
model = build(heads)
wrong = []
for name, (kernel, bias) in heads.items():
    got = model.get_layer(name).layer.get_weights()[0]
    if not np.allclose(got, kernel):
        wrong.append(name)

# --- probe ---
if wrong:
    print("TFVARFIX-BUG: pretrained values never reached", wrong)
