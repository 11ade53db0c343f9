"""A sequence autoencoder builds its encoder and decoder as `Sequential` models in helpers and exposes the code with `Lambda(lambda x: encoder(x), name='encoder_out')`, so that a second loss can read it; a Keras 3 `Lambda` tracks nothing its function calls, so the encoder's LSTM is not a weight of the model and `fit` never trains it.

Source: https://github.com/keras-team/keras/issues/11744
Shape: helper, sequential, lambda, nested-model, functional, losses-dict
Target: keras3
Runtime: silent: the encoder LSTM is missing from the model's trainable weights and keeps its initial kernel through fit
"""

import numpy as np
import tensorflow as tf
import keras
from keras import ops
from keras.layers import LSTM, Dense, Dropout, Input, Lambda, RepeatVector, TimeDistributed
from keras.models import Model, Sequential


def zero_loss(y_true, _):
    return ops.zeros_like(y_true[..., 0])


def _build_encoder(input_shape):
    model = Sequential(name="encoder")
    model.add(keras.Input(input_shape))
    model.add(Dropout(0.1))
    model.add(LSTM(10, name="recurrent"))
    model.add(Dropout(0.1))
    return model


def _build_decoder(output_shape):
    model = Sequential(name="decoder")
    model.add(keras.Input((10,)))
    model.add(RepeatVector(output_shape[0]))
    model.add(LSTM(10, name="recurrent", return_sequences=True))
    model.add(Dropout(0.1))
    model.add(TimeDistributed(Dense(output_shape[-1])))
    return model


def _build_model():
    with tf.name_scope("keras_model"):
        input_shape = (6, 5)
        encoder = _build_encoder(input_shape)
        decoder = _build_decoder(input_shape)
        input_data = Input(shape=input_shape)
        encoder_out = Lambda(lambda x: encoder(x), name="encoder_out", output_shape=(10,))(input_data)  # expect: TFV106
        losses = {"decoder": "mse", "encoder_out": zero_loss}
        model = Model(inputs=input_data, outputs={"decoder": decoder(encoder_out), "encoder_out": encoder_out})
        model.compile(optimizer="rmsprop", loss=losses)
    return model, encoder


model, encoder = _build_model()
initial_kernel = encoder.get_layer("recurrent").cell.kernel.numpy().copy()
x = np.random.default_rng(0).random((8, 6, 5)).astype("float32")
model.fit(x, {"decoder": x, "encoder_out": np.zeros((8, 10), "float32")}, epochs=1, batch_size=4, verbose=0)

# --- probe ---
tracked = {id(v) for v in model.trainable_weights}
untracked = id(encoder.get_layer("recurrent").cell.kernel) not in tracked
unchanged = np.allclose(initial_kernel, encoder.get_layer("recurrent").cell.kernel.numpy())
print("TFVARFIX-BUG" if untracked and unchanged else "TFVARFIX-OK")
