# Guards that never hold, in the shapes real code has: an initializer made in a helper called twice, and one
# given to layers made in a loop.
import tensorflow as tf


class SquareOnly(tf.keras.initializers.Initializer):
    def __call__(self, shape, dtype=None):
        values = tf.zeros(shape, dtype=dtype)
        if shape[0] == shape[1]:  # expect: TFV204
            values = values + 1.0
        return values


def head(inputs, units):
    return tf.keras.layers.Dense(units, kernel_initializer=SquareOnly())(inputs)


inputs = tf.keras.Input((6,))
model = tf.keras.Model(inputs, head(head(inputs, 4), 2))


class EvenOnly(tf.keras.initializers.Initializer):
    def __call__(self, shape, dtype=None):
        half = shape[-1] // 2
        values = tf.zeros(shape, dtype=dtype)
        if half * 2 == shape[-1]:  # expect: TFV204
            values = values + 1.0
        return values


stack = [tf.keras.Input((4,))]
for units in (3, 5):
    stack.append(tf.keras.layers.Dense(units, kernel_initializer=EvenOnly()))
odd = tf.keras.Sequential(stack)
