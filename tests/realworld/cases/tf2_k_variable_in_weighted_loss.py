"""A weighted log loss wraps its class weights in `K.variable(...)` on every call; `fit` traces the loss, so the variable is refused.

Source: https://github.com/dhirajmaji7/Attention-Res-UNet-with-Guided-Decoder-for-Semantic-Segmentation-of-Brain-tumors/issues/1
Shape: helper, tf-function, functional, notebook-like
Target: keras3
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import numpy as np
import tensorflow as tf
from tensorflow.keras import backend as K


def weighted_log_loss(y_true, y_pred):
    y_pred = K.clip(y_pred, K.epsilon(), 1 - K.epsilon())
    weights = np.array([1.0, 5.0, 2.0])
    weights = K.variable(weights)  # expect: TFV401
    loss = y_true * K.log(y_pred) * weights
    return -K.sum(loss, -1)


def dice_loss(y_true, y_pred):
    inter = K.sum(y_true * y_pred, -1)
    return 1.0 - (2.0 * inter + 1.0) / (K.sum(y_true, -1) + K.sum(y_pred, -1) + 1.0)


def gen_dice_loss(y_true, y_pred):
    return dice_loss(y_true, y_pred) + weighted_log_loss(y_true, y_pred)


inputs = tf.keras.Input((4,))
outputs = tf.keras.layers.Dense(3, activation="softmax")(inputs)
model = tf.keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss=gen_dice_loss)
x = np.random.rand(4, 4).astype("float32")
y = np.eye(3, dtype="float32")[[0, 1, 2, 0]]
model.fit(x, y, epochs=1, verbose=0)
print("trained")
