"""A layer derived from the project's base layer (another module) keeps a `tf.Variable`: Keras 3 does not track it.

Source: tfvarfix issue 15 (a project base class that derives from keras.layers.Layer makes a layer)
Shape: subclassed, class-attribute, module
Target: keras3
Runtime: silent: the variable is not among the layer's trainable weights
"""

import tensorflow as tf

from layers import Base


class Scaled(Base):
    def __init__(self, units, **kwargs):
        super().__init__(units, **kwargs)
        self.scale = tf.Variable(1.0)  # expect: TFV106

    def call(self, x):
        return x * self.scale


layer = Scaled(3)
layer(tf.ones((1, 3)))

# --- probe ---
print("TFVARFIX-BUG" if not any(w is layer.scale for w in layer.trainable_weights) else "TFVARFIX-OK")
