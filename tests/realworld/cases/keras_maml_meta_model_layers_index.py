"""A MAML inner loop writes `updated_model.layers[i].kernel = ...` to make a fast-weights copy; Dense.kernel cannot be rebound.

Source: https://github.com/siavash-khodadadeh/MetaLearning-TF2.0/issues/2
Shape: class-attribute, helper, layers-index, loop, sequential
Target: keras3
Runtime: raises AttributeError: property 'kernel' of 'Dense' object has no setter
"""

import keras
import numpy as np
import tensorflow as tf


def make_network():
    return keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, activation="relu"), keras.layers.Dense(2)])


class ModelAgnosticMetaLearning:
    def __init__(self, lr_inner_ml=0.1):
        self.model = make_network()
        self.updated_models = [make_network()]
        self.lr_inner_ml = lr_inner_ml

    def create_meta_model(self, updated_model, model, gradients):
        k = 0
        for i in range(len(model.layers)):
            updated_model.layers[i].kernel = model.layers[i].kernel - self.lr_inner_ml * gradients[k]  # expect: TFV105
            k += 1
            updated_model.layers[i].bias = model.layers[i].bias - self.lr_inner_ml * gradients[k]
            k += 1

    def inner_train_loop(self, x, y):
        with tf.GradientTape() as tape:
            loss = keras.losses.mean_squared_error(y, self.model(x))
        gradients = tape.gradient(loss, self.model.trainable_variables)
        self.create_meta_model(self.updated_models[0], self.model, gradients)
        return self.updated_models[0]


maml = ModelAgnosticMetaLearning()
maml.inner_train_loop(np.ones((2, 3), "float32"), np.zeros((2, 2), "float32"))
