"""A layer's __init__ calls a helper that stores tf.Variables (one plain, the rest in a list) on self; Keras 3 tracks none of them.

Source: https://github.com/tensorflow/tensorflow/issues/38211
Shape: subclassed, helper, container, loop, class-attribute
Target: keras3
Runtime: silent: model.trainable_variables is empty, so nothing would be trained or saved
"""

import tensorflow as tf


class FooLayer(tf.keras.layers.Layer):
    def __init__(self, siz):
        super().__init__()
        self.siz = siz
        self.buildFoo(siz)

    def call(self, in_data):
        foo = tf.multiply(in_data, self.FooTns0)
        for it in range(self.siz):
            foo = tf.multiply(foo, self.FooTns[it])
        return foo

    def buildFoo(self, siz):
        self.FooTns0 = tf.Variable(1.0, name="TNS0")  # expect: TFV106
        self.FooTns = []
        for it in range(siz):
            self.FooTns.append(tf.Variable(float(it + 1), name="TNS" + str(it + 1)))  # expect: TFV106


class FooModel(tf.keras.Model):
    def __init__(self, siz):
        super().__init__()
        self.flayer = FooLayer(siz)

    def call(self, in_data):
        return self.flayer(in_data)


model = FooModel(3)
model(tf.ones((2, 1)))
print([v.name for v in model.trainable_variables])

# --- probe ---
print("TFVARFIX-BUG" if len(model.trainable_variables) == 0 else "TFVARFIX-OK")
