"""Weight decay is added to an already-built functional model by looping over `range(len(model.layers))`, taking `layer = model.layers[i]` and calling `model.add_loss(lambda: l2_regularizer(layer.kernel))` for each Dense; every lambda reads `layer` when the losses are computed, so all of them penalise the last Dense's kernel and the other kernels get no decay.

Source: https://github.com/tensorflow/tensorflow/issues/38891
Shape: loop, layers-index, isinstance, functional, closure
Target: tf_keras
Runtime: silent: model.losses holds the last Dense's penalty four times; the first three kernels are never regularised
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
for i in range(len(model.layers)):
    layer = model.layers[i]
    if isinstance(layer, tf.keras.layers.Dense):
        model.add_loss(lambda: l2_regularizer(layer.kernel))  # expect: TFV107

losses = [float(v) for v in model.losses]
expected = [float(l2_regularizer(d.kernel)) for d in model.layers if isinstance(d, tf.keras.layers.Dense)]
print(losses, expected)

model.compile(optimizer="sgd", loss="mse")
model.fit(np.random.rand(8, 10), np.random.rand(8, 5), epochs=1, verbose=0)

if not np.allclose(losses, expected):
    print("TFVARFIX-BUG: every add_loss lambda reads the last Dense's kernel")
