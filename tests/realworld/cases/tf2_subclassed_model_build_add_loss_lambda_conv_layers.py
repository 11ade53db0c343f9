"""A model subclass wraps a ResNet101 and, in its `build`, adds L2 losses with `layer.add_loss(lambda: l2(layer.kernel))` for every `Conv2D` of the backbone; the lambdas read `layer` when the losses are collected, after the loop, when it names the backbone's last layer, an `Activation` without a kernel.

Source: https://github.com/tensorflow/tensorflow/issues/37511
Shape: subclassed, method, build, loop, model-layers, type-test, closure, applications
Target: tf_keras
Runtime: raises AttributeError: 'Activation' object has no attribute 'kernel'
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # callable losses in add_loss are tf_keras

import tensorflow as tf


class Model(tf.keras.Model):
    def __init__(self):
        super(Model, self).__init__()
        self._model = tf.keras.applications.ResNet101(include_top=False, weights=None, input_shape=(64, 64, 3))

    def build(self, input_shape=None):
        for layer in self._model.layers:
            if type(layer) == tf.keras.layers.Conv2D:  # noqa: E721  (as reported)
                layer.add_loss(lambda: tf.keras.regularizers.l2(1e-5)(layer.kernel))  # expect: TFV107

    def call(self, x):
        return self._model(x)


if __name__ == "__main__":
    m = Model()
    m.build()
    print(len(m.losses))
