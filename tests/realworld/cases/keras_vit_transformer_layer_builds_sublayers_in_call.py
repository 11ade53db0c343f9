"""A vision-transformer notebook's custom `transformer` layer constructs its LayerNormalization, MultiHeadAttention and Dense sub-layers inside `call()`: the summary shows 0 parameters for it and `fit` fails when the traced step creates variables.

Source: https://github.com/tensorflow/tensorflow/issues/48878
Shape: subclassed, functional, tf-function
Target: keras3
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
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
        self.num_heads = num_heads
        self.projection_dim = projection_dim

    def call(self, encoded_patches):
        x1 = layers.LayerNormalization(epsilon=1e-6)(encoded_patches)  # expect: TFV402
        attention_output = layers.MultiHeadAttention(num_heads=self.num_heads, key_dim=self.projection_dim)(x1, x1)  # expect: TFV402
        x2 = layers.Add()([attention_output, encoded_patches])
        x3 = layers.LayerNormalization(epsilon=1e-6)(x2)  # expect: TFV402
        x3 = layers.Dense(self.projection_dim, activation="gelu")(x3)  # expect: TFV402
        return layers.Add()([x3, x2])


num_patches, patch_dim, projection_dim = 4, 6, 8
inputs = keras.Input(shape=(num_patches, patch_dim))
encoded = PatchEncoder(num_patches, projection_dim)(inputs)
encoded = transformer(num_heads=2, projection_dim=projection_dim)(encoded)
logits = layers.Dense(3)(layers.GlobalAveragePooling1D()(encoded))
model = keras.Model(inputs=inputs, outputs=logits)
model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
model.fit(np.random.rand(4, num_patches, patch_dim), np.array([0, 1, 2, 0]), epochs=1, verbose=0)
