"""A DenseNet block makes a new BottleNeck layer per step in a helper called from `call()`, so its weights are made on every pass.

Source: https://github.com/calmiLovesAI/Basic_CNNs_TensorFlow2/issues/13
Shape: subclassed, helper, loop, class-attribute, container
Target: keras3
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import numpy as np
import tensorflow as tf


class BottleNeck(tf.keras.layers.Layer):
    def __init__(self, growth_rate, drop_rate, **kwargs):
        super().__init__(**kwargs)
        self.bn = tf.keras.layers.BatchNormalization()
        self.conv = tf.keras.layers.Conv2D(growth_rate, 3, padding="same")
        self.dropout = tf.keras.layers.Dropout(drop_rate)

    def call(self, inputs, training=None):
        x = tf.nn.relu(self.bn(inputs, training=training))
        return self.dropout(self.conv(x), training=training)


class DenseBlock(tf.keras.layers.Layer):
    def __init__(self, num_layers, growth_rate, drop_rate, **kwargs):
        super().__init__(**kwargs)
        self.num_layers = num_layers
        self.growth_rate = growth_rate
        self.drop_rate = drop_rate

    def _make_layer(self, x, training):
        y = BottleNeck(growth_rate=self.growth_rate, drop_rate=self.drop_rate)(x, training=training)  # expect: TFV402
        self.features_list.append(y)
        return tf.concat(self.features_list, axis=-1)

    def call(self, inputs, training=None):
        self.features_list = [inputs]
        x = inputs
        for _ in range(self.num_layers):
            x = self._make_layer(x, training=training)
        return x


model = tf.keras.Sequential(
    [
        tf.keras.Input((6, 6, 2)),
        DenseBlock(num_layers=2, growth_rate=2, drop_rate=0.1),
        tf.keras.layers.GlobalAveragePooling2D(),
        tf.keras.layers.Dense(3, activation="softmax"),
    ]
)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(np.random.rand(4, 6, 6, 2), np.array([0, 1, 2, 0]), epochs=1, verbose=0)
print(len(model.trainable_weights))
