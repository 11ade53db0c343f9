# Near misses of bad_shapes.py: the same helpers, loops, containers, attributes and model lookups, each reading
# a weight that exists.
import unittest

import numpy as np
import pytest
from tensorflow import keras
from tensorflow.keras.layers import GRU, LSTM, Conv1D, Dense

X = np.zeros((2, 3, 5), "float32")

layer = LSTM(4)
layer(X)
dense_model = keras.Sequential([keras.Input((5,)), Dense(3), Dense(2)])


def case_comprehension_shadows_outer_name():
    # `layer` in the comprehension is each Dense of dense_model, not the module's LSTM.
    return [layer.kernel for layer in dense_model.layers], layer.cell.kernel


def read_module_head():
    return head.kernel


head = LSTM(3)
head(X)
head = Dense(3)
head(np.zeros((2, 5), "float32"))


def case_function_reads_name_rebound_later():
    return read_module_head()


class Encoder(keras.Model):
    def __init__(self, gated):
        super().__init__()
        if gated:
            self.rnn = GRU(4)
        else:
            self.rnn = LSTM(4)

    def call(self, x):
        return self.rnn(x)

    def kernel(self):
        return self.rnn.cell.kernel


def case_attribute_set_on_both_arms():
    model = Encoder(gated=True)
    model(X)
    return model.kernel()


def case_conditional_expression(causal=True):
    proj = Conv1D(4, 1) if causal else Dense(4)
    proj(X)
    return proj.kernel


def case_list_item_store():
    stack = [LSTM(4), Dense(4)]
    stack[0] = Dense(4)
    stack[0](X)
    return stack[0].kernel


def case_list_insert():
    stack = [LSTM(4)]
    stack.insert(0, Dense(4))
    stack[0](X)
    return stack[0].kernel


def case_list_reverse():
    stack = [LSTM(4), Dense(4)]
    stack.reverse()
    stack[0](X)
    return stack[0].kernel


def case_list_passed_to_unknown_code(reorder=list.reverse):
    stack = [LSTM(4), Dense(4)]
    reorder(stack)
    stack[0](X)
    return stack[0].kernel


def case_functional_input_layer_first():
    inputs = keras.Input((3, 5))
    hidden = Dense(4)(inputs)
    outputs = LSTM(2)(hidden)
    model = keras.Model(inputs, outputs)
    return model.layers[1].kernel, model.layers[2].cell.kernel


def case_sequential_has_no_input_layer():
    model = keras.Sequential([keras.Input((3, 5)), Dense(4), LSTM(2)])
    return model.layers[0].kernel, model.layers[1].cell.kernel


def case_fresh_model_per_pass():
    kernels = []
    for units in (2, 3):
        model = keras.Sequential([keras.Input((3, 5)), LSTM(units, name="rnn")])
        kernels.append(model.get_layer("rnn").cell.kernel)
    return kernels


def case_isinstance_dispatch():
    model = keras.Sequential([keras.Input((3, 5)), LSTM(4, return_sequences=True), Dense(2)])
    kernels = []
    for each in model.layers:
        if isinstance(each, LSTM):
            kernels.append(each.cell.kernel)
        else:
            kernels.append(each.kernel)
    return kernels


def case_hasattr_dispatch():
    model = keras.Sequential([keras.Input((3, 5)), GRU(4, return_sequences=True), Dense(2)])
    return [each.cell.kernel if hasattr(each, "cell") else each.kernel for each in model.layers]


def case_try_except_fallback():
    rnn = LSTM(4)
    rnn(X)
    try:
        kernel = rnn.kernel
    except AttributeError:
        kernel = rnn.cell.kernel
    return kernel


def case_expected_to_fail_in_pytest():
    rnn = GRU(4)
    rnn(X)
    with pytest.raises(AttributeError):
        rnn.kernel
    return rnn.cell.kernel


class LegacyPathTest(unittest.TestCase):
    def test_lstm_has_no_kernel(self):
        rnn = LSTM(4)
        rnn(X)
        with self.assertRaises(AttributeError):
            rnn.kernel
        with self.assertRaisesRegex(AttributeError, "no attribute 'recurrent_kernel'"):
            rnn.recurrent_kernel


def case_unittest():
    result = unittest.TextTestRunner(verbosity=0).run(unittest.defaultTestLoader.loadTestsFromTestCase(LegacyPathTest))
    assert result.wasSuccessful()
    return result.testsRun


def build_model(units):
    return keras.Sequential([keras.Input((3, 5)), LSTM(units), Dense(1)])


def case_builder_called_twice():
    first, second = build_model(2), build_model(3)
    return first.layers[0].cell.kernel, second.layers[1].kernel
