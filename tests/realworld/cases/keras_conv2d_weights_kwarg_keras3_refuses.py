"""A convolution is given its start values through `tf.keras.layers.Conv2D(..., weights=[weight, bias])`, the Keras 2 constructor argument; under TF 2.21 `tf.keras` is Keras 3, whose `Conv2D` (like every layer but `Embedding`) no longer takes `weights=`, so the layer cannot even be made.

Source: https://github.com/tensorflow/tensorflow/issues/27541
Shape: functional, module
Target: keras3
Runtime: raises ValueError: Unrecognized keyword arguments passed to Conv2D
"""

import numpy as np
import tensorflow.keras

weight = np.ndarray(shape=[1, 1, 1, 1], dtype="float32")
weight[0, 0, 0, 0] = -0.8888
bias = np.ndarray(shape=[1], dtype="float32")
bias[0] = 0

weights = [weight, bias]

inputs = tensorflow.keras.layers.Input(shape=(1, 1, 1), name="inputs")
outputs = tensorflow.keras.layers.Conv2D(  # expect: TFV201
    filters=1,
    kernel_size=1,
    strides=(1, 1),
    kernel_regularizer=tensorflow.keras.regularizers.l2(0.0005),
    weights=weights,
    use_bias=True,
    activation=None,
)(inputs)
model = tensorflow.keras.Model(inputs, outputs)
print(model.layers[1].get_weights())
