# A network class that opens a variable scope named after its own class (`self.__class__.__name__`,
# `type(self).__name__`): a second instance of the same class builds the same variable names again.
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


class Network(object):
    def __init__(self, size):
        self.size = size
        with tf.variable_scope(self.__class__.__name__.lower()):
            self.weights = self._config()

    def _config(self):
        raise NotImplementedError


class PNet(Network):
    def _config(self):
        return tf.get_variable("weights", [3, self.size])


class RNet(Network):
    def _config(self):
        return tf.get_variable("weights", [self.size, 2])


def case_second_instance_of_one_class():
    tf.reset_default_graph()
    first = PNet(4)
    second = PNet(8)  # expect: TFV304
    return first, second


class Tower(object):
    def __init__(self, x):
        with tf.variable_scope(type(self).__name__):
            self.out = tf.layers.dense(x, 2, name="fc")


def case_scope_named_by_type_of_self():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 3])
    towers = []
    for _ in range(2):
        towers.append(Tower(x))  # expect: TFV304
    return towers
