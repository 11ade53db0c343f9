"""Weight decay is added to every Conv2D / Dense of a backbone in a loop with `layer.add_loss(lambda: regularizer(layer.kernel))`; each lambda reads the loop variable when `fit` calls it, so all of them read `.kernel` of the last layer, an `Activation`, which has none.

Source: https://github.com/keras-team/keras/issues/16316
Shape: helper, loop, isinstance, sequential, closure
Target: tf_keras
Runtime: raises AttributeError: 'Activation' object has no attribute 'kernel'
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # callables in add_loss are a tf_keras feature

import numpy as np
import tensorflow as tf


def add_regularization(model, regularizer=tf.keras.regularizers.l2(1e-4)):
    for layer in model.layers:
        if isinstance(layer, tf.keras.layers.Conv2D) or isinstance(layer, tf.keras.layers.Dense):
            layer.add_loss(lambda: regularizer(layer.kernel))  # expect: TFV107
    return model


model = tf.keras.Sequential(
    [
        tf.keras.Input((8, 8, 3)),
        tf.keras.layers.Conv2D(4, 3, padding="same"),
        tf.keras.layers.GlobalAveragePooling2D(),
        tf.keras.layers.Dense(3),
        tf.keras.layers.Activation("softmax"),
    ]
)
model = add_regularization(model)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(np.random.rand(4, 8, 8, 3), np.array([0, 1, 2, 0]), epochs=1, verbose=0)
