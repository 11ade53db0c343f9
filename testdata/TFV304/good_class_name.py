# Near misses of a scope named after the class: instances of two subclasses (`pnet/...`, `rnet/...`), one
# instance per fresh graph, a second instance under reuse.
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()


class Network(object):
    def __init__(self, size, reuse=None):
        self.size = size
        with tf.variable_scope(self.__class__.__name__.lower(), reuse=reuse):
            self.weights = self._config()

    def _config(self):
        raise NotImplementedError


class PNet(Network):
    def _config(self):
        return tf.get_variable("weights", [3, self.size])


class RNet(Network):
    def _config(self):
        return tf.get_variable("weights", [self.size, 2])


def case_two_subclasses_in_one_graph():
    tf.reset_default_graph()
    return PNet(4), RNet(4)


def case_one_instance_per_graph():
    nets = []
    for size in (4, 8):
        with tf.Graph().as_default():
            nets.append(PNet(size))
    return nets


def case_second_instance_under_reuse():
    tf.reset_default_graph()
    return PNet(4), PNet(4, reuse=True)
