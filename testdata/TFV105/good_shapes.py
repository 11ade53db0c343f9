# Near misses of bad_shapes.py: rebinding that reaches no built Keras weight once scoping and rebinding are
# followed, values given through assign, and rebinding the code expects Keras 3 to refuse.
import types
import unittest

import numpy as np
import pytest
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras.layers import LSTM, Dense

X = np.zeros((2, 3, 5), "float32")

layer = Dense(3)
layer.build((None, 4))
configs = [types.SimpleNamespace(bias=None), types.SimpleNamespace(bias=None)]


def case_loop_variable_shadows_outer_name():
    # `layer` is each plain config here, not the module's Dense.
    for layer in configs:
        layer.bias = tf.Variable(np.zeros((3,), "float32"))
    return [c.bias.shape for c in configs]


def reset_head():
    head.bias = tf.Variable(np.zeros((3,), "float32"))


head = Dense(3)
head.build((None, 4))
head = types.SimpleNamespace(bias=None)


def case_function_reads_name_rebound_later():
    # At the call `head` is a plain namespace.
    reset_head()
    return head.bias.shape


class Encoder(keras.Model):
    def __init__(self, gated):
        super().__init__()
        if gated:
            self.rnn = keras.layers.GRU(2)
        else:
            self.rnn = LSTM(2)

    def call(self, x):
        return self.rnn(x)

    def reset_bias(self):
        self.rnn.cell.bias.assign(tf.zeros_like(self.rnn.cell.bias))


def case_attribute_set_on_both_arms():
    model = Encoder(gated=True)
    model(X)
    model.reset_bias()
    return float(tf.reduce_sum(model.rnn.cell.bias))


def case_conditional_expression(causal=True):
    proj = keras.layers.Conv1D(3, 1) if causal else Dense(3)
    proj(X)
    proj.bias.assign(tf.ones_like(proj.bias))
    return proj.bias.shape


def case_unbuilt_layer_in_a_list():
    stack = [Dense(3), Dense(3)]
    stack[1] = Dense(2)
    stack[1].bias = None  # not built yet: build() makes the weight
    stack[1].build((None, 4))
    return [w.path for w in stack[1].weights]


def case_fresh_model_per_pass():
    biases = []
    for units in (2, 3):
        model = keras.Sequential([keras.Input((4,)), Dense(units, name="head")])
        model.get_layer("head").bias.assign(tf.ones_like(model.get_layer("head").bias))
        biases.append(model.get_layer("head").bias.shape)
    return biases


def case_fast_weights():
    # MAML-style: the forward pass is meant to read the computed tensor.
    dense = Dense(2)
    dense(np.zeros((1, 3), "float32"))
    dense.bias = dense.bias - 0.1 * tf.ones((2,))
    return dense.bias.shape


def case_expected_to_fail_in_pytest():
    dense = Dense(2)
    dense.build((None, 3))
    with pytest.raises(AttributeError, match="has no setter"):
        dense.kernel = tf.Variable(np.ones((3, 2), "float32"))
    return dense.kernel.shape


class PropertyTest(unittest.TestCase):
    def test_conv_kernel_has_no_setter(self):
        conv = keras.layers.Conv1D(2, 1)
        conv.build((None, 3, 5))
        with self.assertRaises(AttributeError):
            conv.kernel = tf.Variable(np.ones((1, 5, 2), "float32"))
        with self.assertRaisesRegex(AttributeError, "no setter"):
            conv.kernel = np.ones((1, 5, 2), "float32")


def case_unittest():
    result = unittest.TextTestRunner(verbosity=0).run(unittest.defaultTestLoader.loadTestsFromTestCase(PropertyTest))
    assert result.wasSuccessful()
    return result.testsRun


def case_try_except_fallback():
    source, dense = Dense(2), Dense(2)
    source.build((None, 3))
    dense.build((None, 3))
    value = source.kernel.numpy()
    try:
        dense.kernel = tf.Variable(value)  # tf_keras swaps the tracked weight
    except AttributeError:
        dense.kernel.assign(value)  # Keras 3: kernel is a property without a setter
    return bool(np.array_equal(dense.kernel, value)), any(w is dense.kernel for w in dense.weights)
