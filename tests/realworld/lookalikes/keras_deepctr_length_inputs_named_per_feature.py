"""A CTR model builder makes one `Input` per feature spec, and each variable-length feature carries its own `length_name`, so the loop's length inputs get distinct names.

Source: https://github.com/shenweichen/DeepCTR/blob/master/deepctr/feature_column.py
Shape: helper, loop, container, isinstance, functional
Target: keras3
Runtime: runs
"""

from collections import OrderedDict, namedtuple

import keras
from keras import layers

SparseFeat = namedtuple("SparseFeat", ["name", "vocabulary_size", "embedding_dim"])
VarLenSparseFeat = namedtuple("VarLenSparseFeat", ["name", "vocabulary_size", "embedding_dim", "maxlen", "length_name"])


def build_input_features(feature_columns, prefix=""):
    input_features = OrderedDict()
    for fc in feature_columns:
        if isinstance(fc, SparseFeat):
            input_features[fc.name] = keras.Input(shape=(1,), name=prefix + fc.name, dtype="int32")
        elif isinstance(fc, VarLenSparseFeat):
            input_features[fc.name] = keras.Input(shape=(fc.maxlen,), name=prefix + fc.name, dtype="int32")
            if fc.length_name is not None:
                input_features[fc.length_name] = keras.Input((1,), name=prefix + fc.length_name, dtype="int32")
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
    VarLenSparseFeat("hist_item_id", 7, 4, maxlen=3, length_name="hist_item_id_len"),
    VarLenSparseFeat("hist_cate_id", 3, 4, maxlen=3, length_name="hist_cate_id_len"),
]
model = DIEN(feature_columns)
print(sorted(model.input_names) if hasattr(model, "input_names") else len(model.inputs))
