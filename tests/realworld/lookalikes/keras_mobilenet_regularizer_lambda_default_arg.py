"""Weight decay is added to every Conv2D / Dense of a backbone in a loop, binding each layer as the lambda's default argument (`lambda l=layer: regularizer(l.kernel)`), so every loss reads its own layer's kernel.

Source: https://github.com/keras-team/keras/issues/16316
Shape: helper, loop, isinstance, sequential, closure
Target: tf_keras
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # callables in add_loss are a tf_keras feature

import numpy as np
import tensorflow as tf


def add_regularization(model, regularizer=tf.keras.regularizers.l2(1e-4)):
    for layer in model.layers:
        if isinstance(layer, tf.keras.layers.Conv2D) or isinstance(layer, tf.keras.layers.Dense):
            layer.add_loss(lambda l=layer: regularizer(l.kernel))
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
print(len(model.losses))
