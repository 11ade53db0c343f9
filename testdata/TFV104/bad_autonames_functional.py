# The functional form of the same transfer: the loaded layers keep `dense`, `dense_1`; after
# keras.utils.clear_session() the new head is named `dense` too, and keras.Model raises.
import os
import tempfile

import keras
from keras import backend as K


def build_base():
    return keras.Sequential([keras.Input((4,)), keras.layers.Dense(8), keras.layers.Dense(8), keras.layers.Dense(3)])


def transfer(path):
    base = keras.models.load_model(path)
    inputs = keras.Input((4,))
    x = inputs
    for layer in base.layers[:-1]:
        x = layer(x)
    return keras.Model(inputs, keras.layers.Dense(1)(x))  # expect: TFV104


PATH = os.path.join(tempfile.mkdtemp(), "base.keras")
base = build_base()
base.save(PATH)
K.clear_session()
model = transfer(PATH)
