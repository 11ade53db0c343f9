"""The keras.io Swin Transformer example written as Keras 3's own error message asks ("prefer self.add_weight()"): `WindowAttention.build()` keeps the numpy relative position index as a non-trainable weight, `self.add_weight(..., initializer=keras.initializers.Constant(index), dtype="int32", trainable=False)`, which the layer tracks and which Keras may create while tracing the enclosing layer.

Source: https://github.com/keras-team/keras/issues/18461
Shape: custom-layer, build, add-weight, constant-initializer, nested-layers, numpy-index, functional
Target: keras3
Runtime: runs
"""

import numpy as np
import keras
from keras import layers, ops


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
        coords = np.stack(np.meshgrid(coords_h, coords_w, indexing="ij"))
        coords_flatten = coords.reshape(2, -1)
        relative_coords = (coords_flatten[:, :, None] - coords_flatten[:, None, :]).transpose([1, 2, 0])
        relative_coords[:, :, 0] += self.window_size[0] - 1
        relative_coords[:, :, 1] += self.window_size[1] - 1
        relative_coords[:, :, 0] *= 2 * self.window_size[1] - 1
        relative_position_index = relative_coords.sum(-1)
        self.relative_position_index = self.add_weight(
            shape=relative_position_index.shape,
            initializer=keras.initializers.Constant(relative_position_index),
            dtype="int32",
            trainable=False,
        )

    def call(self, x):
        _, size, channels = x.shape
        head_dim = channels // self.num_heads
        x_qkv = ops.transpose(ops.reshape(self.qkv(x), (-1, size, 3, self.num_heads, head_dim)), (2, 0, 3, 1, 4))
        q, k, v = x_qkv[0] * self.scale, x_qkv[1], x_qkv[2]
        attn = q @ ops.transpose(k, (0, 1, 3, 2))
        num_window_elements = self.window_size[0] * self.window_size[1]
        index = ops.reshape(self.relative_position_index, (-1,))
        bias = ops.take(self.relative_position_bias_table, index, axis=0)
        bias = ops.transpose(ops.reshape(bias, (num_window_elements, num_window_elements, -1)), (2, 0, 1))
        attn = ops.softmax(attn + bias[None], axis=-1)
        x = ops.reshape(ops.transpose(attn @ v, (0, 2, 1, 3)), (-1, size, channels))
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
