"""The TF2 migration guide's shim: TF1 `tf.compat.v1.get_variable` code in `call()` of a Keras layer decorated with `@tf.compat.v1.keras.utils.track_tf1_style_variables`, the layer called twice (eagerly, and in a functional model), its variables zeroed in between. The shim makes the variables on the first call and hands them back by name on every later one: nothing is created twice, and the second call reads the zeroed weights.

Source: https://github.com/tensorflow/docs/blob/master/site/en/guide/migrate/model_mapping.ipynb
Shape: subclassed, tf1-graph, notebook-like, decorator
Target: tf_keras
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # the shim exists only in tf_keras

import tensorflow as tf
import tensorflow.compat.v1 as v1


class DenseLayer(tf.keras.layers.Layer):
    def __init__(self, units, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units

    @tf.compat.v1.keras.utils.track_tf1_style_variables
    def call(self, inputs):
        out = inputs
        with v1.variable_scope("dense"):
            # The weights are created with a `regularizer`,
            # so the layer should track their regularization losses
            kernel = tf.compat.v1.get_variable(
                shape=[out.shape[-1], self.units],
                regularizer=tf.keras.regularizers.L2(),
                initializer=tf.compat.v1.initializers.glorot_normal,
                name="kernel",
            )
            bias = tf.compat.v1.get_variable(
                shape=[self.units], initializer=tf.compat.v1.initializers.zeros, name="bias"
            )
            out = tf.linalg.matmul(out, kernel)
            out = tf.compat.v1.nn.bias_add(out, bias)
        return out


layer = DenseLayer(10)
x = tf.random.normal(shape=(8, 20))
layer(x)
for var in layer.trainable_variables:
    var.assign(var * 0.0)
out = layer(x)
assert float(tf.reduce_sum(tf.abs(out))) == 0.0
assert len(layer.trainable_variables) == 2

inputs = tf.keras.Input(shape=(20,))
outputs = DenseLayer(10)(inputs)
model = tf.keras.Model(inputs=inputs, outputs=outputs)
model(x)
model(x)
assert len(model.weights) == 2
