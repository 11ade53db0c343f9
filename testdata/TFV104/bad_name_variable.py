# One helper gives two layers the name it was given (deep_qa#186: a trainable Embedding and a frozen one
# for pre-trained vectors, both `name=embedding_name`): the functional model holds two layers of one name.
import keras
import numpy as np


def embed(tokens, matrix, embedding_name="embedding"):
    trained = keras.layers.Embedding(20, 4, name=embedding_name)(tokens)
    frozen = keras.layers.Embedding(
        20,
        4,
        embeddings_initializer=keras.initializers.Constant(matrix),
        trainable=False,
        name=embedding_name,  # expect: TFV104
    )(tokens)
    return keras.layers.Concatenate()([trained, frozen])


def case_two_embeddings():
    tokens = keras.Input((5,), dtype="int32")
    return keras.Model(tokens, embed(tokens, np.ones((20, 4), "float32")))
