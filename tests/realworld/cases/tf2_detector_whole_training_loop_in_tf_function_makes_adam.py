"""An object-detection script decorates its whole training routine with `@tf.function`: `train(model, dataset, epochs, lr)` makes its `Adam` optimizer first and then loops over epochs and batches, so the optimizer's variables are created inside the traced function.

Source: https://github.com/tensorflow/tensorflow/issues/36988
Shape: tf-function, helper, parameter, loop, nested-loop, functional, multi-output
Target: keras3
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import numpy as np
import tensorflow as tf
from tensorflow import keras


def smooth_l1(y_true, y_pred):
    diff = tf.abs(y_true - y_pred)
    return tf.reduce_mean(tf.where(diff < 1.0, 0.5 * diff ** 2, diff - 0.5))


def focal(y_true, y_pred, gamma=2.0):
    p = tf.clip_by_value(y_pred, 1e-6, 1.0 - 1e-6)
    return tf.reduce_mean(-y_true * (1.0 - p) ** gamma * tf.math.log(p))


def build_detector(num_boxes=4, num_classes=3):
    images = keras.Input(shape=(8, 8, 3))
    features = keras.layers.Conv2D(4, 3, activation="relu")(images)
    features = keras.layers.GlobalAveragePooling2D()(features)
    localization = keras.layers.Dense(num_boxes * 4, name="localization")(features)
    classification = keras.layers.Dense(num_classes, activation="softmax", name="classification")(features)
    return keras.Model(images, [localization, classification])


@tf.function
def train(model, dataset, epochs=2, lr=1e-5, checkpoints=None):
    optimizer = tf.keras.optimizers.Adam(learning_rate=lr)  # expect: TFV401
    for i in range(epochs):
        for images, boxes, labels in dataset:
            with tf.GradientTape() as tape:
                localization, classification = model(images, training=True)
                loss = smooth_l1(boxes, localization) * 0.6 + focal(labels, classification) * 0.4
            gradients = tape.gradient(loss, model.trainable_variables)
            optimizer.apply_gradients(zip(gradients, model.trainable_variables))
    if checkpoints:
        model.save_weights(checkpoints)


images = np.random.rand(8, 8, 8, 3).astype("float32")
boxes = np.random.rand(8, 16).astype("float32")
labels = np.eye(3, dtype="float32")[np.random.randint(0, 3, 8)]
dataset = tf.data.Dataset.from_tensor_slices((images, boxes, labels)).batch(4)
detector = build_detector()
train(detector, dataset, epochs=2, lr=1e-3)
print("trained")
