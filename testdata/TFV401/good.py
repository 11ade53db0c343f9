# Near misses: variables made once (module level, __init__, guarded lazily), plain functions, nested helpers.
import tensorflow as tf

scale = tf.Variable(2.0)


@tf.function
def scaled(x):
    return scale * x


class Lazy(tf.Module):
    def __init__(self):
        super().__init__()
        self.v = None

    @tf.function
    def __call__(self, x):
        if self.v is None:
            self.v = tf.Variable(2.0)
        return self.v * x


class Eager(tf.Module):
    def __init__(self):
        super().__init__()
        self.w = tf.Variable(1.0)

    @tf.function
    def __call__(self, x):
        return self.w * x


def plain(x):
    v = tf.Variable(x)
    return v.read_value()


def make_function():
    @tf.function
    def inner(x):
        return x * 2.0

    return inner


def case_all():
    return [
        scaled(tf.constant(1.0)).numpy().tolist(),
        Lazy()(tf.constant(2.0)).numpy().tolist(),
        Eager()(tf.constant(3.0)).numpy().tolist(),
        plain(tf.constant(4.0)).numpy().tolist(),
        make_function()(tf.constant(5.0)).numpy().tolist(),
    ]
