"""A model factory gets 300-wide word vectors but builds its Embedding with embed_size=400, and is called for every model in a list.

Source: https://github.com/petrpan26/Aivivn_1/issues/14
Shape: helper, parameter, comprehension, functional
Target: keras3
Runtime: raises ValueError: weight shape (12, 8) is not compatible with provided weight shape (12, 6)
"""

import keras
import numpy as np


def SARNNKeras(embeddingMatrix=None, embed_size=8, max_features=12, maxlen=5, trainable=True):
    inp = keras.Input(shape=(maxlen,))
    x = keras.layers.Embedding(
        input_dim=max_features, output_dim=embed_size, weights=[embeddingMatrix], trainable=trainable  # expect: TFV102
    )(inp)
    x = keras.layers.Bidirectional(keras.layers.GRU(4, return_sequences=True))(x)
    x = keras.layers.GlobalMaxPooling1D()(x)
    return keras.Model(inp, keras.layers.Dense(1, activation="sigmoid")(x))


def stack(models_list, embedding_matrix):
    return [model_fn(embedding_matrix) for model_fn in models_list]


embedding_matrix = np.random.default_rng(0).normal(size=(12, 6)).astype("float32")  # 300-d vectors in the report
models = stack([SARNNKeras], embedding_matrix)
