# Near misses of bad_shapes.py: values that fit the weight they reach once scoping, rebinding and branches are
# followed, values computed from data or other layers, and failures the code expects.
import unittest

import numpy as np
import pytest
from tensorflow import keras
from tensorflow.keras.layers import GRU, LSTM, Conv1D, Dense

X = np.zeros((2, 3, 5), "float32")
source = keras.Sequential([keras.Input((5,)), Dense(3, name="src")])

layer = LSTM(4)
layer(X)
dense_model = keras.Sequential([keras.Input((5,)), Dense(3), Dense(3)])


def case_comprehension_shadows_outer_name():
    # `layer` is each Dense(3) of dense_model whose input is 5 wide, not the module's LSTM(4).
    [layer.set_weights(source.get_layer("src").get_weights()) for layer in dense_model.layers[:1]]
    return dense_model.layers[0].kernel.shape


def load_head(values):
    head.set_weights(values)


head = LSTM(3)
head(X)
head = Dense(3)
head.build((None, 5))


def case_function_reads_name_rebound_later():
    # At the call `head` is the Dense(3) on 5 inputs: its weights are the source's.
    load_head(source.get_layer("src").get_weights())
    return head.kernel.shape


class Encoder(keras.Model):
    def __init__(self, gated):
        super().__init__()
        if gated:
            self.rnn = GRU(4)
        else:
            self.rnn = LSTM(4)

    def call(self, x):
        return self.rnn(x)

    def copy_from(self, other):
        self.rnn.set_weights(other.rnn.get_weights())


def case_attribute_set_on_both_arms():
    model, other = Encoder(gated=True), Encoder(gated=True)
    model(X)
    other(X)
    model.copy_from(other)
    return model.rnn.cell.kernel.shape


def case_conditional_expression(causal=True):
    proj = Conv1D(3, 1) if causal else Dense(3)
    proj(X)
    proj.set_weights([w.reshape(proj.kernel.shape) if w.ndim == 2 else w for w in source.get_layer("src").get_weights()])
    return proj.kernel.shape


def case_list_item_store():
    stack = [LSTM(4), Dense(3)]
    stack[0] = Dense(3)
    stack[0].build((None, 5))
    stack[0].set_weights(source.get_layer("src").get_weights())
    return stack[0].kernel.shape


def case_list_reverse():
    stack = [LSTM(4), Dense(3)]
    stack.reverse()
    stack[0].build((None, 5))
    stack[0].set_weights(source.get_layer("src").get_weights())
    return stack[0].kernel.shape


def case_list_passed_to_unknown_code(reorder=list.reverse):
    stack = [LSTM(4), Dense(3)]
    reorder(stack)
    stack[0].build((None, 5))
    stack[0].set_weights(source.get_layer("src").get_weights())
    return stack[0].kernel.shape


def case_functional_input_layer_first():
    inputs = keras.Input((5,))
    outputs = Dense(3)(inputs)
    model = keras.Model(inputs, outputs)
    model.layers[1].set_weights(source.get_layer("src").get_weights())
    return model.layers[1].kernel.shape


def case_fresh_model_per_pass():
    shapes = []
    for units in (2, 3):
        model = keras.Sequential([keras.Input((3, 5)), LSTM(units, name="rnn")])
        twin = keras.Sequential([keras.Input((3, 5)), LSTM(units, name="rnn")])
        model.get_layer("rnn").cell.kernel.assign(twin.get_layer("rnn").cell.kernel)
        shapes.append(model.get_layer("rnn").cell.kernel.shape)
    return shapes


def case_isinstance_dispatch():
    model = keras.Sequential([keras.Input((5,)), Dense(3), keras.layers.Dropout(0.1)])
    for each in model.layers:
        if isinstance(each, Dense):
            each.set_weights(source.get_layer("src").get_weights())
    return model.layers[0].kernel.shape


def case_expected_to_fail_in_pytest():
    dense = Dense(3)
    dense.build((None, 4))
    with pytest.raises(ValueError, match="not compatible"):
        dense.set_weights([np.ones((5, 3)), np.zeros(3)])
    return dense.kernel.shape


class ShapeCheckTest(unittest.TestCase):
    def test_wrong_kernel_is_refused(self):
        rnn = LSTM(4)
        rnn(X)
        with self.assertRaises(ValueError):
            rnn.cell.kernel.assign(np.zeros((5, 4), "float32"))
        with self.assertRaisesRegex(ValueError, "must match"):
            rnn.cell.bias.assign(np.zeros((4,), "float32"))


def case_unittest():
    result = unittest.TextTestRunner(verbosity=0).run(unittest.defaultTestLoader.loadTestsFromTestCase(ShapeCheckTest))
    assert result.wasSuccessful()
    return result.testsRun


def build_head(units):
    return keras.Sequential([keras.Input((5,)), Dense(units, name="head")])


def case_builder_called_twice():
    small, large = build_head(2), build_head(3)
    large.get_layer("head").set_weights(source.get_layer("src").get_weights())
    return small.get_layer("head").kernel.shape, large.get_layer("head").kernel.shape
