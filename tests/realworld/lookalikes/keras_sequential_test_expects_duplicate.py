"""Keras's own Sequential test adds a second Dense named "dense" inside assertRaisesRegex: the error is the point.

Source: https://github.com/keras-team/keras/blob/master/keras/src/models/sequential_test.py
Shape: sequential, class-attribute, test
Target: keras3
Runtime: runs
"""

import sys
import unittest

from keras import layers
from keras.models import Sequential


class SequentialErrorsTest(unittest.TestCase):
    def test_same_name_twice(self):
        model = Sequential()
        model.add(layers.Dense(2, name="dense"))
        with self.assertRaisesRegex(ValueError, "should have unique names"):
            model.add(layers.Dense(2, name="dense"))


result = unittest.TextTestRunner(verbosity=0).run(unittest.defaultTestLoader.loadTestsFromTestCase(SequentialErrorsTest))
sys.exit(0 if result.wasSuccessful() else 1)
