"""A custom layer makes its weight in `build` with `add_weight(shape=...)` and no `name`; the training loop keeps the model, its optimizer and a step counter in a `tf.train.Checkpoint` saved through a `tf.train.CheckpointManager`, and under tf_keras the unnamed weight's name is `None`, so the first `manager.save()` fails.

Source: https://github.com/tensorflow/tensorflow/issues/35241
Shape: custom-layer, build, functional, checkpoint, loop
Target: tf_keras
Runtime: raises AttributeError: 'NoneType' object has no attribute 'replace'
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf
import tf_keras as keras


class CustomLayer(keras.layers.Layer):
    def __init__(self, units=1, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal", trainable=True)  # expect: TFV202

    def call(self, x):
        return tf.matmul(x, self.w)


def make_model():
    inp = keras.Input((5,))
    out = CustomLayer(1)(inp)
    return keras.Model(inputs=inp, outputs=out)


model = make_model()
optimizer = keras.optimizers.Adam(0.01)
ckpt = tf.train.Checkpoint(step=tf.Variable(0), optimizer=optimizer, net=model)
manager = tf.train.CheckpointManager(ckpt, "./tf_ckpts", max_to_keep=3)

x = np.random.rand(8, 5).astype("float32")
y = np.random.rand(8, 1).astype("float32")
for _ in range(4):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(x) - y))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    ckpt.step.assign_add(1)
    if int(ckpt.step) % 2 == 0:
        save_path = manager.save()
        print("Saved checkpoint for step {}: {}".format(int(ckpt.step), save_path))
