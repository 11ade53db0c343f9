"""A one-step-ahead transformer is compiled with the tutorial's `CustomSchedule(d_model)` learning rate, which stores `self.d_model = tf.cast(d_model, tf.float32)` and returns it from `get_config`; tf_keras trains, but saving the model in the TensorFlow format writes the optimizer's config as JSON and the `d_model` tensor cannot be written.

Source: https://github.com/tensorflow/tensorflow/issues/60437
Shape: lr-schedule, get-config, helper, functional, compile, save-load
Target: tf_keras
Runtime: raises TypeError: Unable to serialize 16.0 to JSON
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf


class CustomSchedule(tf.keras.optimizers.schedules.LearningRateSchedule):
    def __init__(self, d_model, warmup_steps=4000):
        super().__init__()
        self.d_model = tf.cast(d_model, tf.float32)
        self.warmup_steps = warmup_steps

    def __call__(self, step):
        step = tf.cast(step, dtype=tf.float32)
        arg1 = tf.math.rsqrt(step)
        arg2 = step * (self.warmup_steps**-1.5)
        return tf.math.rsqrt(self.d_model) * tf.math.minimum(arg1, arg2)

    def get_config(self):
        return {"d_model": self.d_model, "warmup_steps": self.warmup_steps}  # expect: TFV202


def build_transformer(features_shape, model_dimensions, num_heads, ffn_units, dropout_rate):
    inputs = tf.keras.Input(shape=features_shape[1:])
    x = tf.keras.layers.Dense(model_dimensions)(inputs)
    attention = tf.keras.layers.MultiHeadAttention(num_heads=num_heads, key_dim=model_dimensions)(x, x)
    x = tf.keras.layers.LayerNormalization()(x + tf.keras.layers.Dropout(dropout_rate)(attention))
    ffn = tf.keras.layers.Dense(ffn_units, activation="relu")(x)
    x = tf.keras.layers.LayerNormalization()(x + tf.keras.layers.Dense(model_dimensions)(ffn))
    outputs = tf.keras.layers.Dense(features_shape[-1])(x)
    return tf.keras.Model(inputs, outputs)


model_dimensions = 16
features_shape = (32, 3, 2)
transformer = build_transformer(features_shape, model_dimensions, num_heads=2, ffn_units=64, dropout_rate=0.2)
learning_rate = CustomSchedule(model_dimensions)
optimizer = tf.keras.optimizers.Adam(learning_rate, beta_1=0.9, beta_2=0.98, epsilon=1e-9)
transformer.compile(optimizer=optimizer, loss="mse")
features = np.random.rand(*features_shape).astype("float32")
transformer.fit(features, features, epochs=1, verbose=0)
tf.keras.saving.save_model(transformer, "one_step_transformer")
