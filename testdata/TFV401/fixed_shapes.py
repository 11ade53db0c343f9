# tf.Variable created on every call of a tf.function, in the shapes real code takes: helpers, loops,
# containers, parameters, helper methods, factories called twice, functions wrapped by a `tf.function(f)` call
# (called through the wrapper, or never called here). Each raises on its first call:
# `ValueError: tf.function only supports singleton tf.Variables created on the first call.`
import keras
import tensorflow as tf


w = keras.Variable(2.0)


v = tf.Variable(1.0)


def fresh_scale():
    return tf.Variable(2.0)  # expect: TFV401


@tf.function
def through_helper(x):
    return fresh_scale() * x


@tf.function
def in_a_loop(x):
    for _ in range(2):
        step = tf.Variable(1.0)  # expect: TFV401
        x = x + step
    return x


@tf.function
def in_a_tensor_loop(x, n):
    for _ in tf.range(n):
        step = tf.Variable(1.0)  # expect: TFV401
        x = x + step
    return x


@tf.function(reduce_retracing=True)
def in_a_list(x):
    state = [
        tf.Variable(0.0),  # expect: TFV401
        tf.Variable(1.0),  # expect: TFV401
    ]
    return x + state[0] + state[1]


@tf.function
def in_a_dict(x):
    state = {"shift": tf.Variable(tf.ones([3]))}  # expect: TFV401
    return x + state["shift"]


def from_parameter(init):
    v = tf.Variable(init)  # expect: TFV401
    return v.read_value()


from_parameter_fn = tf.function(from_parameter, reduce_retracing=True)


@tf.function
def lifted_by_init_scope(x):
    with tf.init_scope():
        w = tf.Variable(2.0)  # expect: TFV401
    return w * x


@tf.function
def keras_variable(x):
    w.assign(2.0)  # expect: TFV401
    return w * x


class Scaler(tf.Module):
    def _scale(self):
        return tf.Variable(2.0)  # expect: TFV401

    @tf.function
    def __call__(self, x):
        return self._scale() * x


def make_step():
    @tf.function
    def step(x):
        momentum = tf.constant(0.9)  # expect: TFV401
        return x * momentum

    return step


def wrapped(x):
    v.assign(1.0)  # expect: TFV401
    return v * x


wrapped_fn = tf.function(wrapped)


def wrapped_and_uncalled(x):
    total = tf.Variable(tf.zeros_like(x))  # expect: TFV401
    total.assign_add(x)
    return total.read_value()


wrapped_and_uncalled_fn = tf.function(jit_compile=True)(wrapped_and_uncalled)


def case_through_helper():
    return through_helper(tf.constant(1.0))


def case_in_a_loop():
    return in_a_loop(tf.constant(1.0))


def case_in_a_tensor_loop():
    return in_a_tensor_loop(tf.constant(1.0), tf.constant(3))


def case_in_a_list():
    return in_a_list(tf.constant(1.0))


def case_in_a_dict():
    return in_a_dict(tf.zeros([3]))


def case_from_parameter():
    return from_parameter_fn(tf.constant(3.0)).numpy()


def case_lifted_by_init_scope():
    return lifted_by_init_scope(tf.constant(1.0))


def case_keras_variable():
    return keras_variable(tf.constant(1.0))


def case_across_methods():
    return Scaler()(tf.constant(1.0))


def case_factory_called_twice():
    return make_step()(tf.constant(1.0)), make_step()(tf.constant(2.0))


def case_wrapped():
    return wrapped_fn(tf.constant(1.0))
