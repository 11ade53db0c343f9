# Near misses of bad_shapes.py: variables made once (in __init__, lazily under a None, hasattr, getattr, dict-key
# or AttributeError guard, in a factory outside the traced body), names rebound before the call, and failures a
# test expects.
import unittest

import pytest
import tensorflow as tf


class LazyThroughHelper(tf.Module):
    def __init__(self):
        super().__init__()
        self.scale = None

    def _scale(self):
        if self.scale is None:
            self.scale = tf.Variable(2.0)
        return self.scale

    @tf.function
    def __call__(self, x):
        return self._scale() * x


class HasAttrGuard(tf.Module):
    @tf.function
    def __call__(self, x):
        if not hasattr(self, "shift"):
            self.shift = tf.Variable(1.0)
        return x + self.shift


counter = None


@tf.function
def count(x):
    global counter
    if counter is None:
        counter = tf.Variable(0.0)
    counter.assign_add(x)
    return counter.read_value()


class BothArms(tf.Module):
    def __init__(self, doubled):
        super().__init__()
        if doubled:
            self.scale = tf.Variable(2.0)
        else:
            self.scale = tf.Variable(1.0)
        self.shift = tf.Variable(1.0) if doubled else tf.Variable(0.0)

    @tf.function
    def __call__(self, x):
        return self.scale * x + self.shift


make = tf.Variable


@tf.function
def rebound(x):
    # At the call `make` is tf.constant.
    return make(2.0) * x


make = tf.constant


def make_step():
    momentum = tf.Variable(0.9)

    @tf.function
    def step(x):
        return x * momentum

    return step


class KeyedCache(tf.Module):
    def __init__(self):
        super().__init__()
        self._slots = {}

    @tf.function
    def __call__(self, x):
        if "shift" not in self._slots:
            self._slots["shift"] = tf.Variable(1.0)
        return self._slots["shift"] * x


class AttributeErrorGuard(tf.Module):
    @tf.function
    def __call__(self, x):
        try:
            v = self.v
        except AttributeError:
            self.v = tf.Variable(2.0)
            v = self.v
        return v * x


class GetattrGuard(tf.Module):
    @tf.function
    def __call__(self, x):
        if getattr(self, "v", None) is None:
            self.v = tf.Variable(2.0)
        return self.v * x


def case_lazy_guards():
    guarded = [KeyedCache(), AttributeErrorGuard(), GetattrGuard()]
    return [[float(g(tf.constant(1.0))), float(g(tf.constant(3.0)))] for g in guarded]


def case_all():
    steps = [make_step(), make_step()]
    fresh = [LazyThroughHelper()(tf.constant(float(i))).numpy() for i in range(2)]
    return [
        fresh,
        HasAttrGuard()(tf.constant(1.0)).numpy(),
        count(tf.constant(1.0)).numpy(),
        count(tf.constant(2.0)).numpy(),
        BothArms(True)(tf.constant(1.0)).numpy(),
        rebound(tf.constant(3.0)).numpy(),
        [s(tf.constant(1.0)).numpy() for s in steps],
    ]


def test_fresh_variable_per_call_is_refused():
    @tf.function
    def fresh(x):
        v = tf.Variable(1.0)
        return v * x

    with pytest.raises(ValueError, match="singleton"):
        fresh(tf.constant(1.0))


class SingletonTest(unittest.TestCase):
    def test_refused(self):
        @tf.function
        def fresh(x):
            return tf.Variable(x) * 2.0

        with self.assertRaisesRegex(ValueError, "singleton"):
            fresh(tf.constant(1.0))


def case_tests():
    test_fresh_variable_per_call_is_refused()
    result = unittest.TextTestRunner(verbosity=0).run(unittest.defaultTestLoader.loadTestsFromTestCase(SingletonTest))
    assert result.wasSuccessful()
    return result.testsRun
