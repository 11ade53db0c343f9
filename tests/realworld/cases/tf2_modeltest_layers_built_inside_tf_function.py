"""To speed the forward pass up, the script decorates its model function with tf.function; the function constructs
its Flatten and Dense layers in its body, so each trace makes a new Dense and new variables.

Source: https://github.com/tensorflow/tensorflow/issues/36504
Shape: module, helper, tf-function, loop
Target: keras3
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import numpy as np
import tensorflow as tf
import keras


@tf.function
def ModelTest(input_layer):
    x = keras.layers.Flatten()(input_layer)
    return keras.layers.Dense(10)(x)  # expect: TFV401


for step in range(2):
    batch = np.ones([1, 8, 8, 3], dtype=np.float32)
    output = ModelTest(batch)
    print(step, output.shape)
