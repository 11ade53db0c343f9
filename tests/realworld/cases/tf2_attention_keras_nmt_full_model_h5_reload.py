"""attention_keras's NMT example: `define_nmt` wires a Bahdanau `AttentionLayer` (three named weights, a list of encoder and decoder sequences in) between two GRUs and returns the training model and the two inference models; after `train_on_batch` epochs the reader saves the full model to `nmt.h5` and loads it back with `load_model`. Nothing registers `AttentionLayer` and the load passes no `custom_objects`, so tf_keras cannot rebuild the layer from the file.

Source: https://github.com/thushv89/attention_keras/issues/19
Shape: custom-layer, helper, functional, shared-layers, train-on-batch, h5
Target: tf_keras
Runtime: raises ValueError: Unknown layer: 'AttentionLayer'
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf
from tf_keras import backend as K
from tf_keras.layers import GRU, Concatenate, Dense, Input, Layer, TimeDistributed
from tf_keras.models import Model, load_model
from tf_keras.utils import to_categorical


class AttentionLayer(Layer):  # expect: TFV202
    """Bahdanau attention: weights W_a, U_a and V_a."""

    def __init__(self, **kwargs):
        super(AttentionLayer, self).__init__(**kwargs)

    def build(self, input_shape):
        assert isinstance(input_shape, list)
        self.W_a = self.add_weight(name="W_a", shape=tf.TensorShape((input_shape[0][2], input_shape[0][2])),
                                   initializer="uniform", trainable=True)
        self.U_a = self.add_weight(name="U_a", shape=tf.TensorShape((input_shape[1][2], input_shape[0][2])),
                                   initializer="uniform", trainable=True)
        self.V_a = self.add_weight(name="V_a", shape=tf.TensorShape((input_shape[0][2], 1)),
                                   initializer="uniform", trainable=True)
        super(AttentionLayer, self).build(input_shape)

    def call(self, inputs):
        encoder_out_seq, decoder_out_seq = inputs
        W_a_dot_s = K.expand_dims(K.dot(encoder_out_seq, self.W_a), 1)  # batch, 1, en_len, hidden
        U_a_dot_h = K.expand_dims(K.dot(decoder_out_seq, self.U_a), 2)  # batch, de_len, 1, hidden
        e_i = K.softmax(K.squeeze(K.dot(K.tanh(W_a_dot_s + U_a_dot_h), self.V_a), -1))  # batch, de_len, en_len
        c_i = K.batch_dot(e_i, encoder_out_seq, axes=[2, 1])  # batch, de_len, hidden
        return c_i, e_i

    def compute_output_shape(self, input_shape):
        return [
            tf.TensorShape((input_shape[1][0], input_shape[1][1], input_shape[1][2])),
            tf.TensorShape((input_shape[1][0], input_shape[1][1], input_shape[0][1])),
        ]


def define_nmt(hidden_size, batch_size, en_timesteps, en_vsize, fr_timesteps, fr_vsize):
    encoder_inputs = Input(batch_shape=(batch_size, en_timesteps, en_vsize), name="encoder_inputs")
    decoder_inputs = Input(batch_shape=(batch_size, fr_timesteps - 1, fr_vsize), name="decoder_inputs")

    encoder_gru = GRU(hidden_size, return_sequences=True, return_state=True, name="encoder_gru")
    encoder_out, encoder_state = encoder_gru(encoder_inputs)
    decoder_gru = GRU(hidden_size, return_sequences=True, return_state=True, name="decoder_gru")
    decoder_out, decoder_state = decoder_gru(decoder_inputs, initial_state=encoder_state)

    attn_layer = AttentionLayer(name="attention_layer")
    attn_out, attn_states = attn_layer([encoder_out, decoder_out])
    decoder_concat_input = Concatenate(axis=-1, name="concat_layer")([decoder_out, attn_out])

    dense = Dense(fr_vsize, activation="softmax", name="softmax_layer")
    decoder_pred = TimeDistributed(dense, name="time_distributed_layer")(decoder_concat_input)

    full_model = Model(inputs=[encoder_inputs, decoder_inputs], outputs=decoder_pred)
    full_model.compile(optimizer="adam", loss="categorical_crossentropy")

    encoder_inf_inputs = Input(batch_shape=(1, en_timesteps, en_vsize), name="encoder_inf_inputs")
    encoder_inf_out, encoder_inf_state = encoder_gru(encoder_inf_inputs)
    encoder_model = Model(inputs=encoder_inf_inputs, outputs=[encoder_inf_out, encoder_inf_state])

    decoder_inf_inputs = Input(batch_shape=(1, 1, fr_vsize), name="decoder_word_inputs")
    encoder_inf_states = Input(batch_shape=(1, en_timesteps, hidden_size), name="encoder_inf_states")
    decoder_init_state = Input(batch_shape=(1, hidden_size), name="decoder_init")
    decoder_inf_out, decoder_inf_state = decoder_gru(decoder_inf_inputs, initial_state=decoder_init_state)
    attn_inf_out, attn_inf_states = attn_layer([encoder_inf_states, decoder_inf_out])
    decoder_inf_concat = Concatenate(axis=-1, name="concat")([decoder_inf_out, attn_inf_out])
    decoder_inf_pred = TimeDistributed(dense)(decoder_inf_concat)
    decoder_model = Model(inputs=[encoder_inf_states, decoder_init_state, decoder_inf_inputs],
                          outputs=[decoder_inf_pred, attn_inf_states, decoder_inf_state])
    return full_model, encoder_model, decoder_model


def train(full_model, en_seq, fr_seq, batch_size, en_vsize, fr_vsize, n_epochs=2):
    for ep in range(n_epochs):
        for bi in range(0, en_seq.shape[0] - batch_size, batch_size):
            en_onehot_seq = to_categorical(en_seq[bi:bi + batch_size, :], num_classes=en_vsize)
            fr_onehot_seq = to_categorical(fr_seq[bi:bi + batch_size, :], num_classes=fr_vsize)
            full_model.train_on_batch([en_onehot_seq, fr_onehot_seq[:, :-1, :]], fr_onehot_seq[:, 1:, :])


batch_size, hidden_size = 8, 16
en_timesteps, fr_timesteps, en_vsize, fr_vsize = 6, 6, 10, 12
en_seq = np.random.randint(0, en_vsize, (40, en_timesteps))
fr_seq = np.random.randint(0, fr_vsize, (40, fr_timesteps))

full_model, infer_enc_model, infer_dec_model = define_nmt(hidden_size, batch_size, en_timesteps, en_vsize,
                                                          fr_timesteps, fr_vsize)
train(full_model, en_seq, fr_seq, batch_size, en_vsize, fr_vsize)
os.makedirs("h5.models", exist_ok=True)
full_model.save(os.path.join("h5.models", "nmt.h5"))
full_model = load_model(os.path.join("h5.models", "nmt.h5"))
print(len(full_model.layers))
