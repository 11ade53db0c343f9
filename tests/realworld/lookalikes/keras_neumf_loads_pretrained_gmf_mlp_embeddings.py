"""NeuMF starts from separately pretrained GMF and MLP models: each embedding and the prediction layer are copied from the pretrained models with `get_layer(...).get_weights()` into the fused model's layers, whose shapes match.

Source: https://github.com/intel/ipex-llm/issues/724
Shape: helper, get-layer, functional, parameter
Target: keras3
Runtime: runs
"""

import numpy as np
from tensorflow import keras
from tensorflow.keras.layers import Concatenate, Dense, Embedding, Flatten, Input, Multiply


def get_gmf_model(num_users, num_items, latent_dim=4):
    user_input = Input(shape=(1,), dtype="int32", name="user_input")
    item_input = Input(shape=(1,), dtype="int32", name="item_input")
    user_latent = Flatten()(Embedding(num_users, latent_dim, name="user_embedding")(user_input))
    item_latent = Flatten()(Embedding(num_items, latent_dim, name="item_embedding")(item_input))
    vector = Multiply()([user_latent, item_latent])
    prediction = Dense(1, activation="sigmoid", name="prediction")(vector)
    return keras.Model([user_input, item_input], prediction)


def get_model(num_users, num_items, mf_dim=4):
    user_input = Input(shape=(1,), dtype="int32", name="user_input")
    item_input = Input(shape=(1,), dtype="int32", name="item_input")
    mf_user_latent = Flatten()(Embedding(num_users, mf_dim, name="mf_embedding_user")(user_input))
    mf_item_latent = Flatten()(Embedding(num_items, mf_dim, name="mf_embedding_item")(item_input))
    mf_vector = Multiply()([mf_user_latent, mf_item_latent])
    mlp_vector = Concatenate()([mf_user_latent, mf_item_latent])
    mlp_vector = Dense(4, activation="relu", name="layer1")(mlp_vector)
    predict_vector = Concatenate()([mf_vector, mlp_vector])
    prediction = Dense(1, activation="sigmoid", name="prediction")(predict_vector)
    return keras.Model([user_input, item_input], prediction)


def load_pretrain_model(model, gmf_model):
    # MF embeddings
    gmf_user_embeddings = gmf_model.get_layer("user_embedding").get_weights()
    gmf_item_embeddings = gmf_model.get_layer("item_embedding").get_weights()
    model.get_layer("mf_embedding_user").set_weights(gmf_user_embeddings)
    model.get_layer("mf_embedding_item").set_weights(gmf_item_embeddings)
    return model


num_users, num_items = 10, 12
rng = np.random.default_rng(0)
users = rng.integers(0, num_users, (64, 1))
items = rng.integers(0, num_items, (64, 1))
labels = rng.integers(0, 2, (64, 1)).astype("float32")

gmf_model = get_gmf_model(num_users, num_items)
gmf_model.compile(optimizer="adam", loss="binary_crossentropy")
gmf_model.fit([users, items], labels, epochs=1, verbose=0)

model = load_pretrain_model(get_model(num_users, num_items), gmf_model)
assert np.allclose(model.get_layer("mf_embedding_user").get_weights()[0], gmf_model.get_layer("user_embedding").get_weights()[0])
print(model.count_params())
