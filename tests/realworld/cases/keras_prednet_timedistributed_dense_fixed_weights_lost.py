"""PredNet weights its per-layer errors with a frozen `TimeDistributed(Dense(1, weights=[layer_loss_weights, np.zeros(1)], trainable=False))`; the inner Dense is built by the wrapper and the given weights never reach it, so the loss weighting is random and stays random.

Source: https://github.com/coxlab/prednet/issues/9
Shape: wrapper, constructor-weights, functional, module-level
Target: tf_keras
Runtime: silent: the frozen Dense kernel is random instead of layer_loss_weights
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Dense, Input, TimeDistributed

nb_layers, nt = 4, 5
layer_loss_weights = np.array([1.0, 0.0, 0.0, 0.0])
layer_loss_weights = np.expand_dims(layer_loss_weights, 1)

errors = Input(shape=(nt, nb_layers))
errors_by_time = TimeDistributed(Dense(1, weights=[layer_loss_weights, np.zeros(1)], trainable=False), trainable=False)(errors)  # expect: TFV201
model = tf.keras.Model(errors, errors_by_time)

kernel = model.layers[1].layer.get_weights()[0]
if not np.allclose(kernel, layer_loss_weights):
    print("TFVARFIX-BUG: error weights are", kernel.ravel(), "not", layer_loss_weights.ravel())
