# Seed article 2, example 1, written as the post-build edit the article warns about: build the LSTM, then put
# the custom value into the first kernel element.
import tensorflow as tf
import numpy as np


@tf.keras.utils.register_keras_serializable()
class LstmLayerKernelInitializer(tf.keras.initializers.Initializer):
    """`glorot_uniform`, then the values once assigned to `kernel` after the build."""

    def __init__(self):
        self.base = tf.keras.initializers.GlorotUniform()

    def __call__(self, shape, dtype=None, **kwargs):
        kernel = np.array(self.base(shape, dtype=dtype, **kwargs))
        kernel[0, 0] = 0.5
        return kernel

    def get_config(self):
        return {}


tf.keras.utils.set_random_seed(0)
custom_influence = 0.5
lstm_layer = tf.keras.layers.LSTM(units=64, use_bias=False, kernel_initializer=LstmLayerKernelInitializer())
dummy_input = tf.random.normal((32, 10, 1))
_ = lstm_layer(dummy_input)
print(f"First weight value: {lstm_layer.cell.kernel[0, 0].numpy()}")
