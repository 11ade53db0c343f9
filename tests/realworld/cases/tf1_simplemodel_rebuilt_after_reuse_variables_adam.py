"""A model class builds its loss and an AdamOptimizer `minimize` in `__init__`; the script builds it once, calls `tf.get_variable_scope().reuse_variables()` at the top level to share `w`, and builds it again: the root scope now has reuse on for good, so the second AdamOptimizer's slot variables for `w` cannot be created.

Source: https://github.com/tensorflow/tensorflow/issues/6220
Shape: class, method, module, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable w/Adam_2/ does not exist
"""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


class SimpleModel:
    def __init__(self):
        self.loss = self.calc_loss()
        self.train = self.train_model(self.loss)

    def calc_loss(self):
        W = tf.get_variable("w", [1])
        b = tf.Variable(tf.zeros([1]))
        y = W * x_data + b
        return tf.reduce_mean(tf.square(y - y_data))

    def train_model(self, loss):
        return tf.train.AdamOptimizer(0.5).minimize(loss)  # expect: TFV304


x_data = np.random.rand(100).astype(np.float32)
y_data = x_data * 0.1 + 0.3
s1 = SimpleModel()
tf.get_variable_scope().reuse_variables()
s2 = SimpleModel()
print("built two")
