"""Correct code across modules: an imported builder shadowed by a local one, and the LSTM read through its cell.

Source: tfvarfix issue 15 (a name shadowed in the importer)
Shape: module, helper, shadowed-import, get-layer
Target: keras3
Runtime: runs
"""

from tensorflow import keras

import model as models
from model import build_model


def build_model():  # noqa: F811  (shadows the import: this one has a Dense named enc)
    return keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, name="enc")])


dense = build_model()
print(dense.get_layer("enc").kernel.shape)
rnn = models.build_model()
print(rnn.get_layer("enc").cell.kernel.shape)
