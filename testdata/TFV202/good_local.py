# A layer class defined inside a test method whose model is only exported (SavedModel) and saved as weights, in a
# module whose other test saves another model whole (keras's own export tests): no `model.save` holds a `Shift`.
import os
import tempfile

import keras
import numpy as np
import tensorflow as tf


class ExportTest:
    def test_export_with_a_local_layer(self):
        class Shift(keras.layers.Layer):
            def __init__(self):
                super().__init__()
                self.offset = 1.0

            def call(self, x):
                return x + self.offset

        model = keras.Sequential([keras.Input((3,)), Shift()])
        folder = tempfile.mkdtemp()
        model.export(os.path.join(folder, "exported"), verbose=False)
        model.save_weights(os.path.join(folder, "shift.weights.h5"))
        return tf.saved_model.load(os.path.join(folder, "exported")).serve(np.ones((1, 3), "float32"))

    def test_save_a_plain_model(self):
        model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
        path = os.path.join(tempfile.mkdtemp(), "plain.keras")
        model.save(path)
        return keras.models.load_model(path)
