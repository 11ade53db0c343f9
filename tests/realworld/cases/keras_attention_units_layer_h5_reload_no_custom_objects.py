"""A text classifier's `Attention(units)` layer (Bahdanau-style: two `Dense(units)` and a `Dense(1)` score made in `__init__`) has constructor arguments and no `get_config` or registration; the `build_model` helper wires it after a bidirectional LSTM, training runs and `model.save("model.h5")` writes (tf_keras fills the config from the int argument), but `load_model("model.h5")` is called without `custom_objects`, so the name resolves to the built-in `tf.keras.layers.Attention`, which does not take `units`.

Source: https://github.com/tensorflow/tensorflow/issues/33947
Shape: custom-layer, helper, functional, save-load, parameter
Target: tf_keras
Runtime: raises TypeError: Error when deserializing class 'Attention'
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf


class Attention(tf.keras.layers.Layer):  # expect: TFV202
    def __init__(self, units):
        super(Attention, self).__init__()
        self.W1 = tf.keras.layers.Dense(units)
        self.W2 = tf.keras.layers.Dense(units)
        self.V = tf.keras.layers.Dense(1)

    def call(self, features, hidden):
        hidden_with_time_axis = tf.expand_dims(hidden, 1)
        score = tf.nn.tanh(self.W1(features) + self.W2(hidden_with_time_axis))
        attention_weights = tf.nn.softmax(self.V(score), axis=1)
        context_vector = tf.reduce_sum(attention_weights * features, axis=1)
        return context_vector


def build_model(vocab_size=20, maxlen=6, rnn_cell_size=4, attention_units=5):
    sequence_input = tf.keras.layers.Input(shape=(maxlen,), dtype="int32")
    embedded = tf.keras.layers.Embedding(vocab_size, 8)(sequence_input)
    lstm, forward_h, _fc, backward_h, _bc = tf.keras.layers.Bidirectional(
        tf.keras.layers.LSTM(rnn_cell_size, return_sequences=True, return_state=True)
    )(embedded)
    state_h = tf.keras.layers.Concatenate()([forward_h, backward_h])
    context_vector = Attention(attention_units)(lstm, state_h)
    output = tf.keras.layers.Dense(1, activation="sigmoid")(context_vector)
    return tf.keras.Model(inputs=sequence_input, outputs=output)


model = build_model()
model.compile(loss="binary_crossentropy", optimizer="adam")
model.fit(np.random.randint(0, 20, (8, 6)), np.random.randint(0, 2, (8, 1)), epochs=1, verbose=0)
model.save("model.h5")
restored = tf.keras.models.load_model("model.h5")
