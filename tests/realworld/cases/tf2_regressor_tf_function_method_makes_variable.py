"""A small regression class keeps its slope as `self.w`, but its `@tf.function`-decorated `predict` method assigns `self.w = tf.Variable(...)` in its body on every call instead of once in `__init__`; the first call of the method already fails, because tracing creates the variable again.

Source: https://www.codegenes.net/blog/running-the-tensorflow-2-0-code-gives-valueerror-tf-function-decorated-function-tried-to-create-variables-on-non-first-call-what-am-i-doing-wrong
Shape: class-attribute, tf-function, subclassed
Target: keras3
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import numpy as np
import tensorflow as tf


class LinearRegressor:
    def __init__(self, n_features):
        self.n_features = n_features

    @tf.function
    def predict(self, x):
        self.w = tf.Variable(tf.zeros([self.n_features, 1]), name="slope")  # expect: TFV401
        return tf.matmul(x, self.w)


reg = LinearRegressor(3)
for batch in np.split(np.random.rand(4, 3).astype("float32"), 2):
    print(reg.predict(tf.constant(batch)).shape)
