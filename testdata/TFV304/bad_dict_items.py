# The layer-making objects live in a dict made from (key, value) pairs, plain or a dict subclass that only adds
# attribute access (bayesgan#9): the call behind `self.norms[...]` is followed, and the rebuild is found.
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.layers needs tf_keras
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class AttributeDict(dict):
    def __getattr__(self, attr):
        return self[attr]

    def __setattr__(self, attr, value):
        self[attr] = value


class Norm(object):
    def __init__(self, name):
        self.name = name

    def __call__(self, x):
        return tf.layers.batch_normalization(x, name=self.name)


class Net(object):
    def __init__(self, holder):
        self.norms = holder([("bn%i" % i, Norm("bn%i" % i)) for i in range(2)])

    def tower(self, x):
        with tf.variable_scope("tower"):
            return self.norms["bn1"](x)


x = tf.placeholder(tf.float32, [None, 4])
plain = Net(dict)
plain.tower(x)
plain.tower(x)  # expect: TFV304
with tf.Graph().as_default():
    y = tf.placeholder(tf.float32, [None, 4])
    attributes = Net(AttributeDict)
    attributes.tower(y)
    attributes.tower(y)  # expect: TFV304
