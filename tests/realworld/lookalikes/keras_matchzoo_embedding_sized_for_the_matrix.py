"""The MatchZoo fix: the embedding layer is sized `len(term_index) + 1`, as many rows as the matrix built from the term index, so the layer `load_embedding_matrix` finds by name in `self._backend.layers` takes it; the loop passes over the Dense layer, whose two weights a one-array list could not fill.

Source: https://github.com/NTMC-Community/MatchZoo/issues/629
Shape: class, method, loop, model-layers, name-test, helper, class-attribute
Target: keras3
Runtime: runs
"""

import numpy as np
import keras


def build_matrix(term_index, dimension=3):
    input_dim = len(term_index) + 1
    matrix = np.random.uniform(-0.2, 0.2, (input_dim, dimension)).astype("float32")
    for term, index in term_index.items():
        matrix[index] = np.full((dimension,), 0.1 * (index + 1), "float32")
    return matrix


class DRMM:
    def __init__(self, params):
        self._params = params
        self._backend = None

    def build(self):
        query = keras.Input((4,), name="text_left")
        x = keras.layers.Embedding(
            self._params["embedding_input_dim"], self._params["embedding_output_dim"], name="embedding"
        )(query)
        x = keras.layers.GlobalAveragePooling1D()(x)
        out = keras.layers.Dense(1)(x)
        self._backend = keras.Model(query, out)

    def load_embedding_matrix(self, embedding_matrix, name="embedding"):
        for layer in self._backend.layers:
            if layer.name == name:
                layer.set_weights([embedding_matrix])


term_index = {"<PAD>": 0, "<OOV>": 1, "cheap": 2, "flight": 3, "to": 4, "paris": 5}
model = DRMM({"embedding_input_dim": len(term_index) + 1, "embedding_output_dim": 3})
model.build()
embedding_matrix = build_matrix(term_index)
l2_norm = np.sqrt((embedding_matrix * embedding_matrix).sum(axis=1))
embedding_matrix = embedding_matrix / l2_norm[:, np.newaxis]
model.load_embedding_matrix(embedding_matrix)
print(model._backend.get_layer("embedding").get_weights()[0].shape)
