# Near misses: weights= on a layer no wrapper builds (Keras writes them at its build); a wrapped layer given
# Constant initializers.
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers

loss_weights = np.array([[1.0], [0.0], [0.0], [0.0]])
errors = tf.keras.Input((5, 4))
plain = tf.keras.Model(errors, layers.Dense(1, weights=[loss_weights, np.zeros(1)])(errors))
constant = tf.keras.initializers.Constant
inner = layers.Dense(1, kernel_initializer=constant(loss_weights), bias_initializer=constant(0.0), trainable=False)
wrapped = tf.keras.Model(errors, layers.TimeDistributed(inner)(errors))
assert np.allclose(plain.layers[1].get_weights()[0], loss_weights)
assert np.allclose(wrapped.layers[1].layer.get_weights()[0], loss_weights)
