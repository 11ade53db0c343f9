"""A TF2 refactor of CycleGAN music style transfer keeps the TF1 helper `instance_norm`, which makes its `SCALE` / `OFFSET` variables, and wraps it in `layers.Lambda` (with the `output_shape` Keras 3 asks for) inside the generator builder; a Lambda tracks no state, so the normalisation variables are made again on every call, and `fit`'s traced step refuses them.

Source: https://github.com/sumuzhao/CycleGAN-Music-Style-Transfer-Refactorization/issues/3
Shape: helper, lambda-layer, function-reference, builder, functional
Target: keras3
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers


def instance_norm(x, epsilon=1e-5):
    depth = x.shape[3]
    scale = tf.Variable(tf.random.normal([depth], mean=1.0, stddev=0.02), name="SCALE")  # expect: TFV402
    offset = tf.Variable(tf.zeros([depth]), name="OFFSET")  # expect: TFV402
    mean, variance = tf.nn.moments(x, axes=[1, 2], keepdims=True)
    inv = tf.math.rsqrt(variance + epsilon)
    normalized = (x - mean) * inv
    return scale * normalized + offset


def build_generator(image_size, dim=8):
    inputs = tf.keras.Input(shape=image_size, name="input")
    x = layers.Conv2D(dim, 7, padding="same", use_bias=False, name="c1")(inputs)
    x = layers.Lambda(instance_norm, output_shape=lambda s: s, name="IN_1")(x)
    x = layers.ReLU()(x)
    x = layers.Conv2D(dim * 2, 3, padding="same", use_bias=False, name="c2")(x)
    x = layers.Lambda(instance_norm, output_shape=lambda s: s, name="IN_2")(x)
    outputs = layers.Conv2D(1, 7, padding="same", activation="sigmoid", name="output")(layers.ReLU()(x))
    return tf.keras.Model(inputs=inputs, outputs=outputs, name="Generator")


generator = build_generator((16, 16, 1))
generator.compile(optimizer="adam", loss="mse")
generator.fit(np.random.rand(4, 16, 16, 1), np.random.rand(4, 16, 16, 1), epochs=1, verbose=0)
print(len(generator.trainable_weights))
