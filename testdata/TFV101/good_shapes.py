# Near misses of bad_shapes.py: names that reach no layer weight once the code's scoping, rebinding and
# expected failures are followed, and weights set through the layer.
import unittest

import numpy as np
import pytest
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras.layers import LSTM, Dense

ONES = np.ones((4, 3), "float32")

layer = LSTM(2, name="enc")
encoder = keras.Sequential([keras.Input((3, 4)), layer])


def case_comprehension_shadows_outer_name():
    # `layer` here is each slot name, not the module's LSTM called `enc`.
    slots = [tf.Variable(0.0, name=f"{layer}/kernel") for layer in ("momentum", "velocity")]
    return [v.name for v in slots]


target = Dense(3, name="proj")
projector = keras.Sequential([keras.Input((4,)), target])


def make_slot():
    return tf.Variable(ONES, name=f"{target.name}/kernel")


target = tf.Module(name="slots")


def case_function_reads_name_rebound_later():
    # Called after the rebinding: the name is `slots/kernel`.
    return make_slot().name


def case_fresh_model_per_pass():
    snapshots = []
    for seed in range(2):
        model = keras.Sequential([keras.Input((4,)), Dense(3, name="head")])
        snapshots.append(tf.Variable(model.get_layer("head").kernel, name="head_snapshot"))
    return [v.name for v in snapshots]


def case_isinstance_then_transfer():
    source = keras.Sequential([keras.Input((4,)), Dense(3, name="src")])
    model = keras.Sequential([keras.Input((4,)), Dense(3, name="d1"), keras.layers.Dropout(0.1)])
    for each in model.layers:
        if isinstance(each, Dense):
            each.kernel.assign(source.get_layer("src").kernel)
    return bool(np.array_equal(model.get_layer("d1").kernel, source.get_layer("src").kernel))


def case_keras_variable_refused_in_pytest():
    model = keras.Sequential([keras.Input((4,)), Dense(3, name="checked")])
    with pytest.raises(ValueError, match="cannot contain character `/`"):
        keras.Variable(ONES, name="checked/kernel")
    return len(model.weights)


class NameRulesTest(unittest.TestCase):
    def test_slash_refused(self):
        model = keras.Sequential([keras.Input((4,)), Dense(3, name="tested")])
        with self.assertRaisesRegex(ValueError, "cannot contain character"):
            keras.Variable(ONES, name="tested/kernel")
        self.assertEqual(len(model.weights), 2)


def case_unittest():
    result = unittest.TextTestRunner(verbosity=0).run(unittest.defaultTestLoader.loadTestsFromTestCase(NameRulesTest))
    assert result.wasSuccessful()
    return result.testsRun


def case_conditional_expression(wide=True):
    head = Dense(8, name="wide_head") if wide else Dense(2, name="narrow_head")
    keras.Sequential([keras.Input((4,)), head])
    counter = tf.Variable(0, name="head/steps")
    return head.kernel.shape, counter.name
