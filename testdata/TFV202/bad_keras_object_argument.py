# Keras 3 layers without get_config made with a Keras object as an argument (keras#4871: a localization network
# given to a SpatialTransformer): Keras derives a layer's config only from str, int, float, bool and None
# arguments, so each save raises NotImplementedError.
import os

import keras
from keras import layers


class SpatialTransformer(layers.Layer):  # expect: TFV202
    def __init__(self, localization_net, output_size, **kwargs):
        super().__init__(**kwargs)
        self.locnet = localization_net
        self.output_size = output_size

    def call(self, x):
        return x * keras.ops.mean(self.locnet(x))


class Residual(layers.Layer):  # expect: TFV202
    def __init__(self, inner, **kwargs):
        super().__init__(**kwargs)
        self.inner = inner

    def call(self, x):
        return x + self.inner(x)


class Scaled(layers.Layer):  # expect: TFV202
    def __init__(self, units, initializer, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(units, kernel_initializer=initializer)

    def call(self, x):
        return self.dense(x)


def save_transformer(folder):
    locnet = keras.Sequential([layers.Dense(6)])
    inputs = keras.Input((3,))
    model = keras.Model(inputs, SpatialTransformer(locnet, (16, 16))(inputs))
    model.save(os.path.join(folder, "transformer.keras"))


def save_residual(folder):
    inputs = keras.Input((3,))
    model = keras.Model(inputs, Residual(layers.Dense(3))(inputs))
    model.save(os.path.join(folder, "residual.keras"))


def save_scaled(folder):
    inputs = keras.Input((3,))
    model = keras.Model(inputs, Scaled(2, keras.initializers.Constant(0.5))(inputs))
    model.save(os.path.join(folder, "scaled.keras"))
