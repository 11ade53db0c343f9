"""The keras.io Swin Transformer example's `WindowAttention` layer computes its relative position index with numpy in `build()` and stores it as `self.relative_position_index = tf.Variable(initial_value=tf.convert_to_tensor(...), trainable=False)`; in Keras 3 that raw variable is neither tracked by the layer nor creatable while Keras traces the enclosing `SwinTransformer` layer's output shape.

Source: https://github.com/keras-team/keras/issues/18461
Shape: custom-layer, build, tf-variable, nested-layers, numpy-index, functional
Target: keras3
Runtime: raises ValueError: could not be lifted out of a `tf.function`
"""

import numpy as np
import tensorflow as tf
import keras
from keras import layers


class WindowAttention(layers.Layer):
    def __init__(self, dim, window_size, num_heads, **kwargs):
        super().__init__(**kwargs)
        self.dim = dim
        self.window_size = window_size
        self.num_heads = num_heads
        self.scale = (dim // num_heads) ** -0.5
        self.qkv = layers.Dense(dim * 3)
        self.proj = layers.Dense(dim)

    def build(self, input_shape):
        num_window_elements = (2 * self.window_size[0] - 1) * (2 * self.window_size[1] - 1)
        self.relative_position_bias_table = self.add_weight(
            shape=(num_window_elements, self.num_heads), initializer="zeros", trainable=True)
        coords_h = np.arange(self.window_size[0])
        coords_w = np.arange(self.window_size[1])
        coords_matrix = np.meshgrid(coords_h, coords_w, indexing="ij")
        coords = np.stack(coords_matrix)
        coords_flatten = coords.reshape(2, -1)
        relative_coords = coords_flatten[:, :, None] - coords_flatten[:, None, :]
        relative_coords = relative_coords.transpose([1, 2, 0])
        relative_coords[:, :, 0] += self.window_size[0] - 1
        relative_coords[:, :, 1] += self.window_size[1] - 1
        relative_coords[:, :, 0] *= 2 * self.window_size[1] - 1
        relative_position_index = relative_coords.sum(-1)
        self.relative_position_index = tf.Variable(  # expect: TFV106
            initial_value=tf.convert_to_tensor(relative_position_index), trainable=False
        )

    def call(self, x):
        _, size, channels = x.shape
        head_dim = channels // self.num_heads
        x_qkv = tf.transpose(tf.reshape(self.qkv(x), (-1, size, 3, self.num_heads, head_dim)), (2, 0, 3, 1, 4))
        q, k, v = x_qkv[0] * self.scale, x_qkv[1], x_qkv[2]
        attn = q @ tf.transpose(k, (0, 1, 3, 2))
        num_window_elements = self.window_size[0] * self.window_size[1]
        index = tf.reshape(self.relative_position_index, (-1,))
        bias = tf.gather(self.relative_position_bias_table, index)
        bias = tf.transpose(tf.reshape(bias, (num_window_elements, num_window_elements, -1)), (2, 0, 1))
        attn = tf.nn.softmax(attn + bias[None])
        x = tf.reshape(tf.transpose(attn @ v, (0, 2, 1, 3)), (-1, size, channels))
        return self.proj(x)


class SwinTransformer(layers.Layer):
    def __init__(self, dim, num_heads, window_size=2, **kwargs):
        super().__init__(**kwargs)
        self.norm = layers.LayerNormalization(epsilon=1e-5)
        self.attn = WindowAttention(dim, window_size=(window_size, window_size), num_heads=num_heads)

    def call(self, x):
        return x + self.attn(self.norm(x))


input = layers.Input((4, 8))
x = SwinTransformer(dim=8, num_heads=2)(input)
output = layers.Dense(3, activation="softmax")(layers.GlobalAveragePooling1D()(x))
model = keras.Model(input, output)
print(model.predict(np.random.rand(2, 4, 8), verbose=0).shape)
