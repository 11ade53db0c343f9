"""The checkpointing guide's linear model, changed to make its state in `build()`, keeps a trainable `tf.Variable` on `self.dummy`; Keras 3 does not track a `tf.Variable`, so the weights file neither saves it nor restores it.

Source: https://github.com/tensorflow/tensorflow/issues/39540
Shape: subclassed, build, class-attribute, save-load
Target: keras3
Runtime: silent: the reloaded model's dummy variable keeps its fresh random value
"""

import numpy as np
import tensorflow as tf


class Net(tf.keras.Model):
    """A simple linear model."""

    def __init__(self):
        super(Net, self).__init__()

    def build(self, input_shape):
        self.l1 = tf.keras.layers.Dense(5)
        self.dummy = tf.Variable(trainable=True, initial_value=tf.keras.initializers.glorot_normal()(shape=(1,), dtype=tf.float32))  # expect: TFV106
        print("built layers")

    def call(self, x):
        return self.l1(x) * self.dummy


net = Net()
net.build([1, 1])
net(np.ones((1, 1), "float32"))
net.dummy.assign([3.0])
net.save_weights("easy_checkpoint.weights.h5")

restored = Net()
restored.build([1, 1])
restored(np.ones((1, 1), "float32"))
restored.load_weights("easy_checkpoint.weights.h5")

# probe
if not np.allclose(restored.dummy.numpy(), [3.0]):
    print("TFVARFIX-BUG: dummy not restored", restored.dummy.numpy(), len(net.weights))
