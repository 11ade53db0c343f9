# A pretrained matrix given to an Embedding sized otherwise: one row more than the layer's inputs (keras#8006,
# the GloVe example's `num_words + 1` rows), or vectors of another width (a model factory's `embed_size=8` for
# 6-wide vectors). Keras 3 raises at build: `weight shape (20, 5) is not compatible with provided weight shape
# (21, 5)`. The fix sizes the layer from the matrix it is given.
import keras
import numpy as np

NUM_WORDS = 20
rng = np.random.default_rng(0)


def case_one_row_more():
    matrix = rng.normal(size=(NUM_WORDS + 1, 5)).astype("float32")
    layer = keras.layers.Embedding(matrix.shape[0], 5, weights=[matrix], trainable=False)  # expect: TFV102
    out = layer(np.array([[0, NUM_WORDS]]))
    return [list(out.shape), bool(np.allclose(keras.ops.convert_to_numpy(out)[0, 1], matrix[NUM_WORDS]))]


def embedding_for(vectors, embed_size=8):
    return keras.layers.Embedding(input_dim=12, output_dim=vectors.shape[1], weights=[vectors])  # expect: TFV102


def case_other_width():
    layer = embedding_for(rng.normal(size=(12, 6)).astype("float32"))
    return list(layer(np.array([[1, 2, 3]])).shape)
