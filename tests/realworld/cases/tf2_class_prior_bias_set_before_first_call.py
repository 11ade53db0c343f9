"""A subclassed classifier's output bias is set to the class priors through `get_layer(...).get_weights()/set_weights` before the model was ever called.

Source: http://pullrequest.ru/14329229/ustanovka-smescheniya-dlya-multiklassovoi-klassifikatsii-python-tenzor-potoka-kera
Shape: subclassed, get-layer, helper, class-attribute
Target: keras3
Runtime: raises ValueError: not enough values to unpack (expected 2, got 0)
"""

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers


class Classifier(tf.keras.Model):
    def __init__(self, n_classes):
        super().__init__()
        self.hidden = layers.Dense(8, activation="relu")
        self.last_dense = layers.Dense(units=n_classes, activation="softmax", name="last_layer")

    def call(self, inputs):
        return self.last_dense(self.hidden(inputs))


def make_model(n_classes):
    model = Classifier(n_classes)
    w, b = model.get_layer("last_layer").get_weights()
    new_biases = np.array([-0.45752, 0.51344, 0.30730])
    model.get_layer("last_layer").set_weights([w, new_biases])  # expect: TFV201
    return model


model = make_model(3)
print(model.predict(np.zeros((1, 4)), verbose=0))
