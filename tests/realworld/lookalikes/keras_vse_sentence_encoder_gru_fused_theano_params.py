"""The visual-semantic-embedding port's fix: the Theano encoder's per-gate arrays are fused in Keras's gate order (z, r, h) into one kernel, one recurrent kernel and one bias, and the GRU is made with `reset_after=False` (the Theano GRU's formulation, one bias row), so the three arrays fit the three weights it holds.

Source: https://github.com/awentzonline/keras-visual-semantic-embedding/issues/1
Shape: helper, constructor-weights, sequential, dict-of-arrays, tuple-return
Target: tf_keras
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
from tensorflow.keras.layers import GRU, Dense, Embedding, Input
from tensorflow.keras.models import Model, Sequential

VOCAB, WORD_DIM, EMBED_DIM, IMAGE_DIM = 20, 6, 4, 8


def fake_theano_checkpoint(rng):
    """The arrays the original Theano training script saved, under its names."""
    return {
        "ff_image_W": rng.normal(size=(IMAGE_DIM, EMBED_DIM)).astype("float32"),
        "ff_image_b": np.zeros(EMBED_DIM, "float32"),
        "Wemb": rng.normal(size=(VOCAB, WORD_DIM)).astype("float32"),
        "encoder_W": rng.normal(size=(WORD_DIM, 2 * EMBED_DIM)).astype("float32"),
        "encoder_U": rng.normal(size=(EMBED_DIM, 2 * EMBED_DIM)).astype("float32"),
        "encoder_b": np.zeros(2 * EMBED_DIM, "float32"),
        "encoder_Wx": rng.normal(size=(WORD_DIM, EMBED_DIM)).astype("float32"),
        "encoder_Ux": rng.normal(size=(EMBED_DIM, EMBED_DIM)).astype("float32"),
        "encoder_bx": np.zeros(EMBED_DIM, "float32"),
    }


def load_pretrained_parameters(params):
    img_enc_weights = [params["ff_image_W"], params["ff_image_b"]]
    embedding_weights = [params["Wemb"]]
    W_h, U_h, b_h = params["encoder_Wx"], params["encoder_Ux"], params["encoder_bx"]
    W_r, W_z = np.split(params["encoder_W"], 2, axis=1)
    U_r, U_z = np.split(params["encoder_U"], 2, axis=1)
    b_r, b_z = np.split(params["encoder_b"], 2)
    gru_weights = [
        np.concatenate([W_z, W_r, W_h], axis=1),
        np.concatenate([U_z, U_r, U_h], axis=1),
        np.concatenate([b_z, b_r, b_h]),
    ]
    return img_enc_weights, embedding_weights, gru_weights


def build_image_encoder(weights=None):
    image = Input(shape=(IMAGE_DIM,))
    return Model(image, Dense(EMBED_DIM, weights=weights)(image))


def build_sentence_encoder(embedding_weights=None, gru_weights=None, input_length=5):
    return Sequential([
        Input(shape=(input_length,)),
        Embedding(VOCAB, WORD_DIM, weights=embedding_weights, mask_zero=True),
        GRU(EMBED_DIM, weights=gru_weights, reset_after=False),
    ])


img_w, emb_w, gru_w = load_pretrained_parameters(fake_theano_checkpoint(np.random.default_rng(0)))
image_encoder = build_image_encoder(weights=img_w)
sentence_encoder = build_sentence_encoder(embedding_weights=emb_w, gru_weights=gru_w)
print(sentence_encoder.predict(np.array([[3, 4, 5, 0, 0]]), verbose=0))

# --- probe ---
held = sentence_encoder.layers[1].get_weights()
print("TFVARFIX-OK" if all(np.allclose(h, g) for h, g in zip(held, gru_w)) else "TFVARFIX-BUG")
