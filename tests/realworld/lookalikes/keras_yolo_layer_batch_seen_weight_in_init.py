"""The YOLOv3 loss layer with its batch counter made once, as a non-trainable weight in `__init__`, and only updated in `call()`.

Source: https://github.com/experiencor/keras-yolo3/issues/332
Shape: subclassed-layer, functional, call
Target: keras3
Runtime: runs
"""

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Conv2D, Input, Layer
from tensorflow.keras.models import Model


class YoloLayer(Layer):
    def __init__(self, warmup_batches, grid_scale, **kwargs):
        super().__init__(**kwargs)
        self.warmup_batches = warmup_batches
        self.grid_scale = grid_scale
        self.batch_seen = self.add_weight(shape=(), initializer="zeros", trainable=False, name="batch_seen")

    def call(self, x):
        y_pred, y_true = x
        self.batch_seen.assign_add(1.0)
        warm = tf.cast(self.batch_seen < self.warmup_batches + 1, tf.float32)
        loss = tf.reduce_sum(tf.square(y_true - y_pred), axis=[1, 2, 3]) * self.grid_scale
        return loss * (1.0 + warm)


input_image = Input(shape=(8, 8, 3))
true_yolo = Input(shape=(8, 8, 6))
pred_yolo = Conv2D(6, 1)(input_image)
loss_yolo = YoloLayer(warmup_batches=2, grid_scale=1.0)([pred_yolo, true_yolo])
train_model = Model([input_image, true_yolo], loss_yolo)


def dummy_loss(y_true, y_pred):
    return tf.sqrt(tf.reduce_sum(y_pred))


train_model.compile(loss=dummy_loss, optimizer="adam")
x = np.random.rand(4, 8, 8, 3).astype("float32")
t = np.random.rand(4, 8, 8, 6).astype("float32")
train_model.fit([x, t], np.zeros((4,), "float32"), epochs=1, batch_size=2, verbose=0)
print(float(train_model.layers[-1].batch_seen.numpy()))
