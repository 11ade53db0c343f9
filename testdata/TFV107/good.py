# Near misses: the loop variable bound as a default, a penalty made for one layer, a tensor given to add_loss,
# kernel_regularizer, and a loop that runs once.
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow as tf

model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(4), tf.keras.layers.Dense(2)])
l2 = tf.keras.regularizers.l2(1.0)
for layer in model.layers:
    layer.add_loss(lambda layer=layer: l2(layer.kernel))
first = model.layers[0]
first.add_loss(lambda: l2(first.kernel))
regularized = tf.keras.layers.Dense(2, kernel_regularizer=l2)
for layer in [tf.keras.layers.Dense(3)]:
    layer.add_loss(lambda: l2(layer.kernel))


class Scaled(tf.keras.layers.Layer):
    def call(self, x):
        for power in (1, 2):
            self.add_loss(tf.reduce_sum(x**power))
        return x


# A name the loop body binds to the same object on every pass: each penalty reads what it was made with.
tower = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(4)])
for step in range(2):
    head = tower.layers[0]
    tower.add_loss(lambda: l2(head.kernel))
