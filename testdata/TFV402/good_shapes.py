# Near misses of bad_shapes.py: state made in __init__ or build (also through helpers and loops there),
# weightless layers in call, names rebound before use, a head made lazily on the first call of a layer that Keras 3
# builds by running call() (it holds an unbuilt sublayer and has no build of its own), and a test that expects
# the failure.
import unittest

import numpy as np
import keras
import tensorflow as tf
from keras import layers


def dense_block(units):
    return layers.Dense(units)


class ThroughHelper(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.proj = dense_block(1)

    def call(self, x):
        return self.proj(x)


class BuiltInALoop(layers.Layer):
    def __init__(self, widths, **kwargs):
        super().__init__(**kwargs)
        self.blocks = [layers.Dense(units) for units in widths]

    def call(self, x):
        for block in self.blocks:
            x = block(x)
        return x


class BuiltInBuild(layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], 1), initializer="ones")
        self.heads = {"out": layers.Dense(1)}

    def call(self, x):
        return tf.matmul(x, self.w) + self.heads["out"](x)


class BothArms(layers.Layer):
    def __init__(self, gated, **kwargs):
        super().__init__(**kwargs)
        if gated:
            self.proj = layers.Dense(1, activation="sigmoid")
        else:
            self.proj = layers.Dense(1)

    def call(self, x):
        return self.proj(x)


class Weightless(layers.Layer):
    def __init__(self, smooth=True, **kwargs):
        super().__init__(**kwargs)
        self.smooth = smooth

    def call(self, x):
        act = layers.Activation("tanh") if self.smooth else layers.ReLU()
        return layers.Flatten()(act(x))


Norm = layers.BatchNormalization


class ReboundName(layers.Layer):
    def call(self, x):
        # At the call `Norm` is Identity, which has no state.
        return Norm()(x)


Norm = layers.Identity


class Block(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.proj = layers.Dense(1)

    def call(self, x):
        return self.proj(x)


class Tower(keras.Model):
    def __init__(self):
        super().__init__()
        self.block = Block()

    def call(self, x):
        return self.block(x)


class LazyHead(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hidden = layers.Dense(4)
        self.head = None

    def call(self, x):
        if self.head is None:
            self.head = layers.Dense(1)
        return self.head(self.hidden(x))


class LazyHeadModel(keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = layers.Dense(4)

    def call(self, x):
        if not hasattr(self, "head"):
            self.head = layers.Dense(1)
        return self.head(self.hidden(x))


class RefusedState(unittest.TestCase):
    def test_state_in_call_is_refused(self):
        class Bad(layers.Layer):
            def call(self, x):
                return layers.Dense(1)(x)

        model = keras.Sequential([keras.Input((3,)), Bad()])
        with self.assertRaises(ValueError):
            _fit(model)


def _fit(model):
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((4, 3), "float32"), np.ones((4, 1), "float32"), verbose=0)
    return len(model.trainable_weights)


def case_sequential():
    return _fit(keras.Sequential([keras.Input((3,)), ThroughHelper(), BuiltInALoop([4, 1]), BuiltInBuild(), BothArms(True)]))


def case_functional():
    inputs = keras.Input((3,))
    x = ReboundName()(inputs)
    x = Weightless()(x)
    return _fit(keras.Model(inputs, layers.Dense(1)(x)))


def case_subclassed():
    return _fit(Tower())


def case_lazy_heads():
    return _fit(keras.Sequential([keras.Input((3,)), LazyHead()])), _fit(LazyHeadModel())


def case_expected_failure_in_a_test():
    tests = unittest.defaultTestLoader.loadTestsFromTestCase(RefusedState)
    result = unittest.TextTestRunner(verbosity=0).run(tests)
    return result.testsRun, result.wasSuccessful()
