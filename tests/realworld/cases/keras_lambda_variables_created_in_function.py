"""A `Lambda` layer's function creates its weight and bias with `tf.Variable` on every call; the model owns neither, and `fit`'s traced step refuses the second creation.

Source: https://github.com/keras-team/keras/issues/13529
Shape: functional, helper, module
Target: keras3
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Input, Lambda
from tensorflow.keras.models import Model


def lambda_bug(x):
    ws = lambda: tf.ones(shape=(1, 1), dtype=tf.float32)
    w = tf.Variable(initial_value=ws, dtype=tf.float32, name="weights")  # expect: TFV402
    b = tf.Variable(0.0, name="bias")  # expect: TFV402
    return w * x + b


X = Input(shape=(1,))
out = Lambda(lambda_bug, name="lambda_bug")(X)
model = Model(inputs=X, outputs=out)
model.compile(optimizer="sgd", loss="mse")
model.fit(np.ones((4, 1), "float32"), 3 * np.ones((4, 1), "float32"), epochs=2, verbose=0)
