"""The DenseNet block makes its BottleNeck layers once, in a loop in `__init__`, and only calls them in `call()`.

Source: https://github.com/calmiLovesAI/Basic_CNNs_TensorFlow2/issues/13
Shape: subclassed, loop, container, class-attribute, sequential
Target: keras3
Runtime: runs
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
        self.model_list = []
        for _ in range(num_layers):
            self.model_list.append(BottleNeck(growth_rate=growth_rate, drop_rate=drop_rate))

    def call(self, inputs, training=None):
        features_list = [inputs]
        x = inputs
        for bottleneck in self.model_list:
            y = bottleneck(x, training=training)
            features_list.append(y)
            x = tf.concat(features_list, axis=-1)
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
