# A variable made in `call()` and bound to a local: a new one on every call, which `fit` refuses.
import numpy as np
import tensorflow as tf
from tensorflow import keras


class CountedScale(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.offset = 1.0
        self.seen = tf.Variable(0.0, trainable=False)

    def call(self, inputs):
        seen = self.seen  # expect: TFV402
        seen.assign(0.0)
        seen.assign_add(self.offset)
        return inputs * seen


class RandomTable(keras.layers.Layer):
    def __init__(self, rows, **kwargs):
        super().__init__(**kwargs)
        self.rows = rows
        self.table = tf.Variable(tf.ones((self.rows, 2)))

    def call(self, inputs):
        table = self.table  # expect: TFV402
        table.assign(tf.ones((self.rows, 2)))
        return tf.matmul(inputs, table)


class InputShaped(keras.layers.Layer):
    def call(self, inputs):
        scale = tf.Variable(tf.ones_like(inputs[0]))  # expect: TFV402
        return inputs * scale


def outputs_after_fit(layer, width):
    inputs = keras.Input((3,))
    model = keras.Model(inputs, layer(inputs))
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((4, 3), "float32"), np.ones((4, width), "float32"), epochs=1, verbose=0)
    return model.predict(np.ones((1, 3), "float32"), verbose=0).tolist()


def case_counted_scale():
    return outputs_after_fit(CountedScale(), 3)


def case_table():
    return outputs_after_fit(RandomTable(3), 2)


def case_input_shaped():
    return outputs_after_fit(InputShaped(), 3)
