"""Weight decay added to a built functional model in a loop over `range(len(model.layers))`, with each penalty made by a helper `l2_penalty(layer)` that returns `lambda: l2_regularizer(layer.kernel)`: the lambda closes over the helper's parameter, so each penalty keeps its own Dense.

Source: https://github.com/tensorflow/tensorflow/issues/38891
Shape: loop, layers-index, isinstance, functional, closure, helper
Target: tf_keras
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # callables in add_loss are a tf_keras feature

import numpy as np
import tensorflow as tf

inputs = tf.keras.Input(shape=[10])
x = tf.keras.layers.Dense(10)(inputs)
x = tf.keras.layers.Dense(15)(x)
x = tf.keras.layers.Dense(5)(x)
outputs = tf.keras.layers.Dense(5)(x)

model = tf.keras.Model(inputs, outputs)

assert model.losses == []

l2_regularizer = tf.keras.regularizers.l2(1e-4)


def l2_penalty(layer):
    return lambda: l2_regularizer(layer.kernel)


for i in range(len(model.layers)):
    layer = model.layers[i]
    if isinstance(layer, tf.keras.layers.Dense):
        model.add_loss(l2_penalty(layer))

losses = [float(v) for v in model.losses]
expected = [float(l2_regularizer(d.kernel)) for d in model.layers if isinstance(d, tf.keras.layers.Dense)]
print(losses, expected)

model.compile(optimizer="sgd", loss="mse")
model.fit(np.random.rand(8, 10), np.random.rand(8, 5), epochs=1, verbose=0)

if not np.allclose(losses, expected):
    print("TFVARFIX-BUG: the penalties do not follow their own Dense")
