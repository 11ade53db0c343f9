"""A unit test gives a bias-free `Dense` all-zero `weights=[...]` in a Sequential model with an input shape; under tf_keras the layer builds when it is added and writes the list, so the model predicts zeros.

Source: https://github.com/tensorflow/tensorflow/issues/26700
Shape: class, method, sequential
Target: tf_keras
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import unittest

import numpy as np
import tf_keras as tfk


class EagerWeightsTest(unittest.TestCase):
    def test_eager_weights(self):
        weights = np.zeros((10, 11))  # use zero weights
        dense = tfk.layers.Dense(units=11, input_shape=(10,), weights=[weights], use_bias=False)

        model = tfk.models.Sequential()
        model.add(dense)
        model.compile("adam", tfk.losses.mae)

        logits = model.predict(np.random.random((3, 10)), verbose=0)
        self.assertTrue(np.allclose(logits, 0.0))


if __name__ == "__main__":
    result = unittest.main(exit=False).result
    if not result.wasSuccessful():
        raise SystemExit(1)
