"""A MelGAN generator wraps its upsampling Conv1DTranspose (and its residual convolutions) in an add-ons style WeightNormalization that, on every call, rebinds the wrapped layer's `kernel` attribute to the tensor `g * v / ||v||`; the model trains, but exporting it as a SavedModel fails, because the traced transposed convolution captures that tensor from the wrapper's graph.

Source: https://github.com/tensorflow/tensorflow/issues/58945
Shape: subclassed, wrapper, class-attribute, helper, functional, loop
Target: tf_keras
Runtime: raises ValueError: because it captures graph tensor
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import tensorflow as tf  # noqa: E402
from tensorflow import keras  # noqa: E402
from tensorflow.keras import layers  # noqa: E402


class WeightNormalization(layers.Wrapper):
    def build(self, input_shape):
        input_shape = tf.TensorShape(input_shape)
        if not self.layer.built:
            self.layer.build(input_shape)
        kernel = self.layer.kernel
        self.kernel_norm_axes = list(range(kernel.shape.rank - 1))
        self.g = self.add_weight(name="g", shape=(int(kernel.shape[-1]),), initializer="ones", trainable=True)
        self.v = kernel
        super().build(input_shape)

    def call(self, inputs):
        with tf.name_scope("compute_weights"):
            kernel = tf.nn.l2_normalize(self.v, axis=self.kernel_norm_axes) * self.g
            self.layer.kernel = kernel  # expect: TFV105
            update_kernel = tf.identity(self.layer.kernel)
        with tf.control_dependencies([update_kernel]):
            return self.layer(inputs)

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)


def residual_stack(x, filters):
    for dilation in (1, 3):
        c = layers.LeakyReLU()(x)
        c = WeightNormalization(layers.Conv1D(filters, 3, dilation_rate=dilation, padding="same"))(c)
        c = layers.LeakyReLU()(c)
        c = WeightNormalization(layers.Conv1D(filters, 3, padding="same"))(c)
        x = layers.Add()([x, c])
    return x


class ConvBlock(layers.Layer):
    def __init__(self, conv_dim, upsampling_factor, **kwargs):
        super().__init__(**kwargs)
        self.conv_t = WeightNormalization(
            layers.Conv1DTranspose(conv_dim, 16, upsampling_factor, padding="same")
        )

    def call(self, x):
        return self.conv_t(layers.LeakyReLU()(x))


def create_generator(input_shape):
    inp = keras.Input(input_shape)
    x = WeightNormalization(layers.Conv1D(16, 7, padding="same"))(inp)
    for conv_dim, factor in ((8, 2), (4, 2)):
        x = ConvBlock(conv_dim, factor)(x)
        x = residual_stack(x, conv_dim)
    x = layers.LeakyReLU()(x)
    out = WeightNormalization(layers.Conv1D(1, 7, padding="same", activation="tanh"))(x)
    return keras.Model(inp, out)


generator = create_generator((None, 10))
generator.compile(optimizer="adam", loss="mse")
mel = tf.random.normal((4, 8, 10))
audio = tf.random.normal((4, 32, 1))
generator.fit(mel, audio, epochs=1, verbose=0)
tf.saved_model.save(generator, "melgan_generator")
