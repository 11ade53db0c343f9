# `self.w = tf.Variable(...)` in a tf.function method: made once per instance (in `__init__` when its initial
# value needs nothing from the call, else on the first call under `if self.w is None:`), and given its initial
# value again where it was made, so each call starts from it as the original's fresh variable did.
import numpy as np
import tensorflow as tf


class Regressor:
    def __init__(self, n_features):
        self.n_features = n_features

    @tf.function
    def predict(self, x):
        self.w = tf.Variable(tf.ones([self.n_features, 1]), name="slope")  # expect: TFV401
        self.w.assign_add(tf.ones([self.n_features, 1]))
        return tf.reduce_sum(tf.matmul(x, self.w))


def case_made_in_init():
    reg = Regressor(3)
    return [float(reg.predict(tf.ones((2, 3)))), float(reg.predict(tf.ones((2, 3))))]


class Scaler:
    def __init__(self):
        self.calls = 0

    @tf.function
    def scale(self, x):
        self.factor = tf.Variable(tf.fill([x.shape[-1]], 2.0))  # expect: TFV401
        self.factor.assign_add(tf.ones([x.shape[-1]]))
        return x * self.factor


def case_made_on_the_first_call():
    scaler = Scaler()
    first = scaler.scale(tf.ones((2, 4)))
    return [first.numpy().tolist(), scaler.scale(tf.ones((1, 4)) * 2.0).numpy().tolist()]


class Centered:
    def __init__(self):
        self.calls = 0

    @tf.function
    def center(self, x):
        self.mean = tf.Variable(tf.reduce_mean(x))  # expect: TFV401
        return x - self.mean


def case_initial_value_reads_the_inputs():
    centered = Centered()  # held: a tf.function method keeps only a weak reference to its instance
    return centered.center(tf.constant([1.0, 3.0])).numpy().tolist()


class Reset:
    def __init__(self):
        self.total = None

    @tf.function
    def add(self, x):
        self.total = tf.Variable(0.0)  # expect: TFV401
        self.total.assign_add(tf.reduce_sum(x))
        return self.total.read_value()


def case_attribute_set_elsewhere():
    reset = Reset()
    return float(reset.add(tf.constant(np.ones(3, "float32"))))
