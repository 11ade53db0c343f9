"""A sine-regression MAML copies the model and rebinds `model_copy.hidden1.kernel` to the SGD-updated tensor.

Source: https://github.com/hereismari/tensorflow-maml/issues/3
Shape: subclassed, class-attribute, helper, loop, tf-function
Target: keras3
Runtime: raises AttributeError: property 'kernel' of 'Dense' object has no setter
"""

import keras
import numpy as np
import tensorflow as tf


class SineModel(keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden1 = keras.layers.Dense(8)
        self.hidden2 = keras.layers.Dense(8)
        self.out = keras.layers.Dense(1)

    def forward(self, x):
        x = keras.activations.relu(self.hidden1(x))
        x = keras.activations.relu(self.hidden2(x))
        return self.out(x)


def copy_model(model, x):
    copied_model = SineModel()
    copied_model.forward(tf.convert_to_tensor(x))
    copied_model.set_weights(model.get_weights())
    return copied_model


def train_maml(model, tasks, lr_inner=0.01):
    optimizer = keras.optimizers.Adam()
    for x, y in tasks:
        model.forward(x)
        with tf.GradientTape() as test_tape:
            with tf.GradientTape() as train_tape:
                train_loss = keras.losses.mean_squared_error(y, model.forward(x))
            gradients = train_tape.gradient(train_loss, model.trainable_variables)
            model_copy = copy_model(model, x)
            model_copy.hidden1.kernel = tf.subtract(model.hidden1.kernel, tf.multiply(lr_inner, gradients[0]))  # expect: TFV105
            model_copy.hidden1.bias = tf.subtract(model.hidden1.bias, tf.multiply(lr_inner, gradients[1]))
            test_loss = keras.losses.mean_squared_error(y, model_copy.forward(x))
        grads = test_tape.gradient(test_loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))


rng = np.random.default_rng(0)
train_maml(SineModel(), [(rng.uniform(-5, 5, (4, 1)).astype("float32"), rng.uniform(-1, 1, (4, 1)).astype("float32"))])
