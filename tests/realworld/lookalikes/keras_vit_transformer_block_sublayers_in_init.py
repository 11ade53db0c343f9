"""A vision-transformer block keeps its LayerNormalization, MultiHeadAttention and Dense sub-layers as attributes made in `__init__` and only calls them in `call()`, so `fit` traces without creating variables.

Source: https://keras.io/examples/vision/image_classification_with_vision_transformer/
Shape: subclassed, class-attribute, functional, tf-function
Target: keras3
Runtime: runs
"""

import numpy as np
import keras
from keras import layers


class PatchEncoder(layers.Layer):
    def __init__(self, num_patches, projection_dim, **kwargs):
        super().__init__(**kwargs)
        self.num_patches = num_patches
        self.projection = layers.Dense(units=projection_dim)
        self.position_embedding = layers.Embedding(input_dim=num_patches, output_dim=projection_dim)

    def call(self, patch):
        positions = keras.ops.arange(0, self.num_patches)
        return self.projection(patch) + self.position_embedding(positions)


class transformer(layers.Layer):
    def __init__(self, num_heads, projection_dim, **kwargs):
        super().__init__(**kwargs)
        self.norm1 = layers.LayerNormalization(epsilon=1e-6)
        self.attention = layers.MultiHeadAttention(num_heads=num_heads, key_dim=projection_dim)
        self.norm2 = layers.LayerNormalization(epsilon=1e-6)
        self.mlp = layers.Dense(projection_dim, activation="gelu")

    def call(self, encoded_patches):
        x1 = self.norm1(encoded_patches)
        attention_output = self.attention(x1, x1)
        x2 = layers.Add()([attention_output, encoded_patches])
        x3 = self.mlp(self.norm2(x2))
        return layers.Add()([x3, x2])


num_patches, patch_dim, projection_dim = 4, 6, 8
inputs = keras.Input(shape=(num_patches, patch_dim))
encoded = PatchEncoder(num_patches, projection_dim)(inputs)
encoded = transformer(num_heads=2, projection_dim=projection_dim)(encoded)
logits = layers.Dense(3)(layers.GlobalAveragePooling1D()(encoded))
model = keras.Model(inputs=inputs, outputs=logits)
model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
model.fit(np.random.rand(4, num_patches, patch_dim), np.array([0, 1, 2, 0]), epochs=1, verbose=0)
