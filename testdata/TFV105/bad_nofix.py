# Rebinding a built layer's kernel to a tensor computed from the model (MAML's fast weights): `assign` would
# copy the value and cut the gradient through it, so there is no mechanical fix; the message names the choices.
import numpy as np
import tensorflow as tf
import keras


def case_fast_weights():
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    copy = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    x = np.ones((4, 3), "float32")
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(model(x) ** 2)
    gradients = tape.gradient(loss, model.trainable_variables)
    copy.layers[0].kernel = model.layers[0].kernel - 0.1 * gradients[0]  # expect: TFV105
