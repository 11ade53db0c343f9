"""TensorFlow's eager-execution guide: a custom layer (no `get_config`, an `__init__` without `**kwargs`) used in a model whose variables are written with `tf.compat.v1.train.Checkpoint(...).save(prefix)` and read back with `restore`. A checkpoint holds variables, not a model's config: nothing is deserialized, so the layer needs neither `get_config` nor `**kwargs`.

Source: https://github.com/tensorflow/docs/blob/master/site/en/r1/guide/eager.ipynb
Shape: subclassed, notebook-like
Target: keras3
Runtime: runs
"""

import os
import tempfile

import numpy as np
import tensorflow as tf


class MySimpleLayer(tf.keras.layers.Layer):
    def __init__(self, output_units):
        super(MySimpleLayer, self).__init__()
        self.output_units = output_units

    def build(self, input_shape):
        self.kernel = self.add_weight(name="kernel", shape=[input_shape[-1], self.output_units])

    def call(self, input):
        return tf.matmul(input, self.kernel)


model = tf.keras.Sequential([tf.keras.Input((4,)), MySimpleLayer(3)])
x = tf.ones((2, 4))
before = model(x).numpy()

checkpoint_dir = tempfile.mkdtemp()
checkpoint_prefix = os.path.join(checkpoint_dir, "ckpt")
root = tf.compat.v1.train.Checkpoint(model=model)  # the guide is written against tf.compat.v1
path = root.save(checkpoint_prefix)

model.layers[0].kernel.assign(tf.zeros((4, 3)))
root.restore(path)
np.testing.assert_allclose(model(x).numpy(), before)
