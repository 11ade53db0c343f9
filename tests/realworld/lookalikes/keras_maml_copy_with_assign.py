"""The workaround in tensorflow-maml#3: copy the meta model, then write the adapted values into the copy's variables with assign.

Source: https://github.com/hereismari/tensorflow-maml/issues/3
Shape: subclassed, class-attribute, helper, loop
Target: keras3
Runtime: runs
"""

import keras
import numpy as np
import tensorflow as tf


class SineModel(keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden1 = keras.layers.Dense(8)
        self.out = keras.layers.Dense(1)

    def forward(self, x):
        return self.out(keras.activations.relu(self.hidden1(x)))


def copy_model(model, x):
    copied_model = SineModel()
    copied_model.forward(tf.convert_to_tensor(x))
    copied_model.set_weights(model.get_weights())
    return copied_model


def inner_step(model, x, y, lr_inner=0.01):
    with tf.GradientTape() as tape:
        loss = keras.losses.mean_squared_error(y, model.forward(x))
    gradients = tape.gradient(loss, model.trainable_variables)
    model_copy = copy_model(model, x)
    for variable, source, grad in zip(model_copy.trainable_variables, model.trainable_variables, gradients):
        variable.assign(source - lr_inner * grad)
    return model_copy


x = np.linspace(-1, 1, 4, dtype="float32")[:, None]
model = SineModel()
model.forward(x)
adapted = inner_step(model, x, np.sin(x))
print(len(adapted.trainable_variables))
