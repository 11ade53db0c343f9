"""A DenseNet bottleneck layer keeps one `BatchNormalization` and applies it after both of its convolutions, which have different widths; the second call does not fit the weights the first one built.

Source: https://github.com/tensorflow/tensorflow/issues/29492
Shape: subclassed-layer, subclassed-model, class-attribute
Target: keras3
Runtime: raises ValueError: expected axis -1 of input shape to have value 16
"""

import numpy as np
from tensorflow.keras import Model, layers


class BottleneckLayer(layers.Layer):
    def __init__(self, growthRate):
        super().__init__()
        self.conv1 = layers.Conv2D(4 * growthRate, kernel_size=1, strides=1, padding="same")
        self.conv2 = layers.Conv2D(growthRate, kernel_size=3, strides=1, padding="same")
        self.batchNorm = layers.BatchNormalization(momentum=0.99, epsilon=0.001)
        self.relu = layers.Activation("relu")

    def call(self, x):
        y = self.batchNorm(self.relu(self.conv1(x)))
        y = self.batchNorm(self.relu(self.conv2(y)))  # expect: TFV102
        return layers.concatenate([x, y])


class DenseNet(Model):
    def __init__(self):
        super().__init__()
        self.conv = layers.Conv2D(8, 3, padding="same")
        self.bottleneck = BottleneckLayer(4)
        self.pool = layers.GlobalAveragePooling2D()
        self.out = layers.Dense(3)

    def call(self, x):
        return self.out(self.pool(self.bottleneck(self.conv(x))))


model = DenseNet()
print(model(np.zeros((2, 8, 8, 3), "float32")).shape)
