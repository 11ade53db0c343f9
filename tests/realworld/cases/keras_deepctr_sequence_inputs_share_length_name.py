"""A CTR model builder makes one `Input` per feature spec; the example gives both variable-length behaviour features `length_name="seq_length"`, so the builder's loop makes two length inputs with one name.

Source: https://github.com/shenweichen/DeepCTR/issues/186
Shape: helper, loop, container, isinstance, functional
Target: keras3
Runtime: raises ValueError: The name "seq_length" is used 2 times in the model
"""

from collections import OrderedDict, namedtuple

import keras
from keras import layers

SparseFeat = namedtuple("SparseFeat", ["name", "vocabulary_size", "embedding_dim"])
VarLenSparseFeat = namedtuple("VarLenSparseFeat", ["name", "vocabulary_size", "embedding_dim", "maxlen", "length_name"])


def build_input_features(feature_columns):
    input_features = OrderedDict()
    for fc in feature_columns:
        if isinstance(fc, SparseFeat):
            input_features[fc.name] = keras.Input(shape=(1,), name=fc.name, dtype="int32")
        elif isinstance(fc, VarLenSparseFeat):
            input_features[fc.name] = keras.Input(shape=(fc.maxlen,), name=fc.name, dtype="int32")
            if fc.length_name is not None:
                input_features[fc.length_name + "@" + fc.name] = keras.Input((1,), name=fc.length_name, dtype="int32")  # expect: TFV104
    return input_features


def DIEN(feature_columns):
    features = build_input_features(feature_columns)
    embedded = []
    for fc in feature_columns:
        emb = layers.Embedding(fc.vocabulary_size, fc.embedding_dim, name="emb_" + fc.name)(features[fc.name])
        if isinstance(fc, VarLenSparseFeat):
            emb = layers.GlobalAveragePooling1D()(emb)
        embedded.append(layers.Flatten()(emb))
    output = layers.Dense(1, activation="sigmoid")(layers.Concatenate()(embedded))
    return keras.Model(inputs=list(features.values()), outputs=output)


feature_columns = [
    SparseFeat("user", 5, 4),
    SparseFeat("item_id", 7, 4),
    VarLenSparseFeat("hist_item_id", 7, 4, maxlen=3, length_name="seq_length"),
    VarLenSparseFeat("hist_cate_id", 3, 4, maxlen=3, length_name="seq_length"),
]
model = DIEN(feature_columns)
