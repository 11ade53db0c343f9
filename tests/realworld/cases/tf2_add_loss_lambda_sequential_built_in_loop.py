"""A `Sequential` model is built in a loop and each new `Dense` gets a kernel penalty with `layer.add_loss(lambda: tf.reduce_sum(layer.kernel))`; the lambdas read the loop variable `layer` when the losses are computed, after the loop, so every penalty is the last layer's kernel sum.

Source: https://github.com/tensorflow/tensorflow/issues/44590
Shape: loop, sequential, helper, closure
Target: tf_keras
Runtime: silent: model.losses holds the last Dense layer's kernel sum once per layer instead of each layer's own
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import tensorflow as tf
import tf_keras as keras


def build_model(units_list):
    model = keras.Sequential()
    model.add(keras.Input((4,)))
    for units in units_list:
        layer = keras.layers.Dense(units, kernel_initializer="ones")
        model.add(layer)
        layer.add_loss(lambda: tf.reduce_sum(layer.kernel))  # expect: TFV107
    return model


model = build_model([3, 2])
losses = [float(loss) for loss in model.losses]
print(losses)
if losses != [12.0, 6.0]:
    print("TFVARFIX-BUG: the per-layer penalties are", losses, "instead of [12.0, 6.0]")
