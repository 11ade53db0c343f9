# A layer keeps a tf.Variable made from a helper's random draw (keras#15470, an NMU layer): Keras 3 does not
# track it, so it is never trained or saved. Its shape cannot be written out; the fix computes the value first.
import keras
import tensorflow as tf


def w_initialization(shape):
    return tf.random.uniform(shape, 0.25, 0.75, seed=3)


class NMU(keras.layers.Layer):
    def __init__(self, output_dim, input_dim):
        super().__init__()
        weight_initial = w_initialization([input_dim, output_dim])
        self.weight = self.add_weight(
            name="weight",
            shape=tuple(weight_initial.shape),
            initializer=lambda shape, dtype=None: weight_initial,
            dtype="float32",
        )  # expect: TFV106

    def call(self, inputs):
        w = tf.minimum(tf.maximum(self.weight, 0.0), 1.0)
        return tf.reduce_prod((inputs[:, :, None] * w) + 1 - w, axis=1)


tf.random.set_seed(0)
layer = NMU(2, 3)
start = layer.weight.numpy()
model = keras.Sequential([keras.Input((3,)), layer])
