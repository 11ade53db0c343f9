# The same views with shapes that fit, and views whose shape is not known (nothing is said of them).
import numpy as np
import keras
from keras import layers

FILTERS = [16, 32, 64]


def darknet(input_layer):
    x = input_layer
    for i, filters in enumerate(FILTERS):
        x = layers.Conv2D(filters, 3, padding="same", use_bias=False, name=f"conv2d_{i}")(x)
        x = layers.BatchNormalization(name=f"batch_normalization_{i}")(x)
    return x


def load_weights(model, table):
    wf = np.arange(100000, dtype="float32")
    offset = 0
    for i in range(len(FILTERS)):
        bn_layer = model.get_layer(f"batch_normalization_{i}")
        filters = table[i]
        bn_weights = wf[offset : offset + 4 * filters].reshape((4, filters))[[1, 0, 2, 3]]
        offset += 4 * filters
        bn_layer.set_weights(list(bn_weights))


def case_darknet_loader():
    input_layer = keras.Input((8, 8, 3))
    model = keras.Model(input_layer, darknet(input_layer))
    load_weights(model, [16, 32, 64])


def case_rows_of_a_2d_array():
    inputs = keras.Input((8, 8, 3))
    model = keras.Model(inputs, layers.BatchNormalization(name="bn")(layers.Conv2D(32, 3)(inputs)))
    model.get_layer("bn").set_weights(list(np.zeros((4, 32))))


def case_row_of_a_3d_array():
    dense = layers.Dense(3)
    dense.build((None, 5))
    stacked = np.zeros((2, 5, 3))
    dense.set_weights([stacked[0], np.zeros(3)])


def case_reshaped():
    dense = layers.Dense(4)
    dense.build((None, 3))
    dense.set_weights([np.random.default_rng(0).normal(size=12).reshape(3, -1), np.zeros(4)])  # drawn: not an initializer


def case_sliced():
    dense = layers.Dense(4)
    dense.build((None, 3))
    table = np.ones((8, 4))
    dense.kernel.assign(table[:3])
    dense.kernel.assign(table[5:])
    dense.kernel.assign(table[-3:, :])


def case_unknown_bounds(start=2):
    dense = layers.Dense(4)
    dense.build((None, 3))
    table = np.ones((8, 4))
    dense.kernel.assign(table[start : start + 3])
