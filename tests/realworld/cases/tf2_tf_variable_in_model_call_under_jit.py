"""A subclassed model makes a `tf.Variable` inside `call()`; eager calls work, the `tf.function(jit_compile=True)` wrapper refuses it.

Source: https://github.com/tensorflow/tensorflow/issues/105654
Shape: subclassed, tf-function, class-attribute
Target: keras3
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import tensorflow as tf


class TestModel(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.vocab = ["a", "b", "c"]
        self.dense = tf.keras.layers.Dense(1)

    def call(self, inputs):
        ids = tf.argmax(inputs, axis=-1)
        table = tf.Variable(tf.random.normal((len(self.vocab), 8)))  # expect: TFV402
        embedded = tf.gather(table, ids)
        return self.dense(embedded)


model = TestModel()
features = tf.one_hot([0, 2, 1], 3)
print(model(features).shape)


@tf.function(jit_compile=True)
def predict(x):
    return model(x)


print(predict(features).shape)
