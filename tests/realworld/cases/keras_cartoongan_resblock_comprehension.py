"""A residual block class passes one fixed name to its base class, and a comprehension stacks copies of it in a Sequential.

Source: https://github.com/mnicnc404/CartoonGan-tensorflow/issues/49
Shape: subclassed, comprehension, sequential, class-attribute
Target: keras3
Runtime: raises ValueError: All layers added to a Sequential model should have unique names
"""

import keras


class ResBlock(keras.Model):
    """Two convolutions and a skip connection; every instance is called "ResBlock"."""

    def __init__(self, filters, kernel_size):
        super().__init__(name="ResBlock")
        self.conv1 = keras.layers.Conv2D(filters, kernel_size, padding="same", activation="relu")
        self.conv2 = keras.layers.Conv2D(filters, kernel_size, padding="same")
        self.add = keras.layers.Add()

    def call(self, x):
        return self.add([self.conv2(self.conv1(x)), x])


class Generator(keras.Model):
    def __init__(self, base_filters=4, num_resblocks=3):
        super().__init__(name="Generator")
        self.stem = keras.layers.Conv2D(base_filters, 3, padding="same")
        self.residual_blocks = keras.Sequential(
            [ResBlock(filters=base_filters, kernel_size=3) for _ in range(num_resblocks)]  # expect: TFV104
        )

    def call(self, x):
        return self.residual_blocks(self.stem(x))


generator = Generator()
print(generator(keras.ops.zeros((1, 8, 8, 3))).shape)
