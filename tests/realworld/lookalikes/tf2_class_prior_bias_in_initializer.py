"""The subclassed classifier's output bias gets the class priors from a `Constant` bias initializer given in `__init__`, so no edit after the build is needed.

Source: http://pullrequest.ru/14329229/ustanovka-smescheniya-dlya-multiklassovoi-klassifikatsii-python-tenzor-potoka-kera
Shape: subclassed, get-layer, helper, class-attribute
Target: keras3
Runtime: runs
"""

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers

PRIOR_BIASES = [-0.45752, 0.51344, 0.30730]


class Classifier(tf.keras.Model):
    def __init__(self, n_classes):
        super().__init__()
        self.hidden = layers.Dense(8, activation="relu")
        self.last_dense = layers.Dense(
            units=n_classes,
            activation="softmax",
            bias_initializer=tf.keras.initializers.Constant(PRIOR_BIASES),
            name="last_layer",
        )

    def call(self, inputs):
        return self.last_dense(self.hidden(inputs))


def make_model(n_classes):
    model = Classifier(n_classes)
    model(np.zeros((1, 4)))
    return model


model = make_model(3)

# --- probe ---
print("TFVARFIX-OK" if np.allclose(model.get_layer("last_layer").get_weights()[1], PRIOR_BIASES) else "TFVARFIX-BUG")
