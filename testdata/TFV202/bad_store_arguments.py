# A subclassed model whose `__init__` only uses its arguments (`for size in sizes`) and has no get_config:
# Keras 3's `model.save` raises NotImplementedError. The fix stores them (`self.sizes = sizes` after
# `super().__init__()`) and returns them from get_config; where the attribute is taken (the class keeps
# `self.sizes = list(sizes)`), no fix.
import os
import tempfile

import keras
import numpy as np


@keras.saving.register_keras_serializable(package="fixtures")
class Tower(keras.Model):  # expect: TFV202
    def __init__(self, sizes, rate=0.1):
        super().__init__()
        self.blocks = [keras.layers.Dense(size, activation="relu") for size in sizes]
        self.drop = keras.layers.Dropout(rate)
        self.head = keras.layers.Dense(1)

    def call(self, x, training=False):
        for block in self.blocks:
            x = self.drop(block(x), training=training)
        return self.head(x)


@keras.saving.register_keras_serializable(package="fixtures")
class Kept(keras.Model):  # expect: TFV202
    def __init__(self, sizes):
        super().__init__()
        self.sizes = list(sizes)
        self.blocks = [keras.layers.Dense(size) for size in sizes]

    def call(self, x):
        for block in self.blocks:
            x = block(x)
        return x


def round_trip(model):
    x = np.linspace(0, 1, 12, dtype="float32").reshape(3, 4)
    before = model(x)
    path = os.path.join(tempfile.mkdtemp(), "model.keras")
    model.save(path)
    loaded = keras.models.load_model(path)
    return type(loaded).__name__, bool(np.allclose(before, loaded(x)))


def case_tower():
    return round_trip(Tower([6, 4], rate=0.2))


def case_kept():
    return round_trip(Kept([3, 2]))
