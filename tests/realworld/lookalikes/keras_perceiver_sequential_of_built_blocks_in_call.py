"""The Perceiver model (before its tf.function fix) wraps its list of already-constructed attention and feed-forward blocks in a new `keras.Sequential` inside `call()`: the Sequential owns no variables of its own and the blocks are the model's, so training and a retraced `tf.function` both run (the latents here are an `add_weight`; the original's `tf.Variable` is another bug, TFV106).

Source: https://github.com/Rishit-dagli/Perceiver/pull/21
Shape: subclassed, call, loop, list, tf-function, sequential
Target: keras3
Runtime: runs
"""

import numpy as np
import tensorflow as tf
import keras


class PreNorm(keras.layers.Layer):
    def __init__(self, fn, **kwargs):
        super().__init__(**kwargs)
        self.norm = keras.layers.LayerNormalization(axis=-1)
        self.fn = fn

    def call(self, x):
        return self.fn(self.norm(x))


class Perceiver(keras.Model):
    def __init__(self, depth, num_latents=4, latent_dim=8, num_classes=3):
        super().__init__()
        self.latents = self.add_weight(shape=(num_latents, latent_dim), initializer="random_normal", name="latents")
        get_latent_attn = lambda: PreNorm(keras.layers.Dense(latent_dim))
        get_latent_ff = lambda: PreNorm(keras.layers.Dense(latent_dim, activation="gelu"))
        self.existing_layers = list()
        for i in range(depth):
            self.existing_layers.append(get_latent_attn())
            self.existing_layers.append(get_latent_ff())
        self.to_logits = keras.Sequential([keras.layers.LayerNormalization(axis=-1), keras.layers.Dense(num_classes)])

    def call(self, data):
        b = tf.shape(data)[0]
        x = tf.tile(tf.expand_dims(self.latents, 0), [b, 1, 1]) + tf.reduce_mean(data, axis=1, keepdims=True)
        x = keras.Sequential(self.existing_layers)(x)
        x = tf.math.reduce_mean(x, axis=-2)
        return self.to_logits(x)


model = Perceiver(depth=2)
x = np.random.rand(16, 6, 8).astype("float32")
y = np.random.rand(16, 3).astype("float32")
model.compile(optimizer="adam", loss="mse")
model.fit(x, y, epochs=2, batch_size=5, verbose=0)


@tf.function
def predict(batch):
    return model(batch)


print(predict(x[:2]).shape, predict(x[:3]).shape)
