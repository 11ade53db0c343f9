"""A YOLOv2 trainer decorates its `custom_loss` method with `@tf.function` and makes `seen` and `total_recall` as `tf.Variable(0.)` in its body; `fit` with validation traces the loss again.

Source: https://github.com/tensorflow/tensorflow/issues/40229
Shape: class, method, tf-function, loss
Target: keras3
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import numpy as np
import tensorflow as tf


class YOLO:
    def __init__(self, grid_h, grid_w, nb_box):
        self.grid_h = grid_h
        self.grid_w = grid_w
        self.nb_box = nb_box
        inp = tf.keras.Input((grid_h, grid_w, 3))
        out = tf.keras.layers.Conv2D(nb_box * 5, 1)(inp)
        out = tf.keras.layers.Reshape((grid_h, grid_w, nb_box, 5))(out)
        self.model = tf.keras.Model(inp, out)

    @tf.function
    def custom_loss(self, y_true, y_pred):
        seen = tf.Variable(0.0)  # expect: TFV401
        total_recall = tf.Variable(0.0)  # expect: TFV401
        seen.assign_add(1.0)
        loss = tf.reduce_mean(tf.square(y_true - y_pred))
        total_recall.assign_add(tf.reduce_mean(tf.cast(y_pred > 0.5, tf.float32)))
        return loss

    def train(self, x, y):
        self.model.compile(loss=self.custom_loss, optimizer="adam")
        self.model.fit(x, y, validation_data=(x, y), epochs=1, batch_size=2, verbose=0)


yolo = YOLO(4, 4, 2)
x = np.random.rand(4, 4, 4, 3).astype("float32")
y = np.random.rand(4, 4, 4, 2, 5).astype("float32")
yolo.train(x, y)
