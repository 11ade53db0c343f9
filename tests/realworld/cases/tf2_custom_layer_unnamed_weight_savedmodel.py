"""A custom layer makes its only weight in `build` with `add_weight(shape=...)` and no `name`: under tf_keras the weight's name is `None`, and saving the model in the SavedModel format fails while it names the layer's checkpoint entries.

Source: https://github.com/tensorflow/tensorflow/issues/36962
Shape: custom-layer, build, functional
Target: tf_keras
Runtime: raises AttributeError: 'NoneType' object has no attribute 'replace'
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import tensorflow as tf
import tf_keras as keras


class CustomLayer(keras.layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], 1))  # expect: TFV202

    def call(self, x):
        return tf.matmul(x, self.w)


inp = keras.Input((5,))
m = keras.Model(inputs=inp, outputs=CustomLayer()(inp))
m.save("savedmodel")
