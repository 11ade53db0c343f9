# Near misses: the dict's items replaced before the second build (a distinct name), a dict subclass whose own
# `__getitem__` decides what a key gives, and items changed by a dict method the analysis does not follow.
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def norm(name):
    return lambda x: tf.layers.batch_normalization(x, name=name)


def tower(norms, x):
    with tf.variable_scope("tower"):
        return norms["bn"](x)


x = tf.placeholder(tf.float32, [None, 4])
norms = dict([("bn", norm("first"))])
tower(norms, x)
norms["bn"] = norm("second")
tower(norms, x)


class Fresh(dict):
    def __getitem__(self, key):
        return norm(key + str(len(self)))


with tf.Graph().as_default():
    y = tf.placeholder(tf.float32, [None, 4])
    fresh = Fresh([("bn", None)])
    tower(fresh, y)
    fresh["other"] = None
    tower(fresh, y)


class Attrs(dict):
    def __getattr__(self, attr):
        return self[attr]


with tf.Graph().as_default():
    z = tf.placeholder(tf.float32, [None, 4])
    held = Attrs([("bn", norm("third"))])
    tower(held, z)
    held.update([("bn", norm("fourth"))])
    tower(held, z)
