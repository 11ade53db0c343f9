# Configs that are complete, or that Keras never rebuilds a layer from.
import keras


@keras.saving.register_keras_serializable(package="fixtures")
class Complete(keras.layers.Layer):
    def __init__(self, units, rate=0.1, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.rate = rate

    def call(self, x):
        return x

    def get_config(self):
        return {**super().get_config(), "units": self.units, "rate": self.rate}


@keras.saving.register_keras_serializable(package="fixtures")
class OwnFromConfig(keras.layers.Layer):
    def __init__(self, table, **kwargs):
        super().__init__(**kwargs)
        self.table = table

    def call(self, x):
        return x

    def get_config(self):
        return super().get_config()

    @classmethod
    def from_config(cls, config):
        return cls(table={}, **config)


@keras.saving.register_keras_serializable(package="fixtures")
class Inner(keras.layers.Layer):
    def __init__(self, width, **kwargs):
        super().__init__(**kwargs)
        self.width = width

    def call(self, x):
        return x

    def get_config(self):
        return super().get_config()  # rebuilt by Outer's own __init__, never from this config


@keras.saving.register_keras_serializable(package="fixtures")
class Outer(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.inner = Inner(4)

    def call(self, x):
        return self.inner(x)


@keras.saving.register_keras_serializable(package="fixtures")
class Unknown(keras.layers.Layer):
    def __init__(self, size, **kwargs):
        super().__init__(**kwargs)
        self.size = size
        self.extra = {"size": size}

    def call(self, x):
        return x

    def get_config(self):
        config = super().get_config()
        config.update(self.extra)
        return config


@keras.saving.register_keras_serializable(package="fixtures")
class AbstractBlock(keras.layers.Layer):
    def __init__(self, rank, filters, **kwargs):
        super().__init__(**kwargs)
        self.rank = rank
        self.filters = filters

    def call(self, x):
        return x

    def get_config(self):
        return {**super().get_config(), "filters": self.filters}


@keras.saving.register_keras_serializable(package="fixtures")
class Block2D(AbstractBlock):
    def __init__(self, filters, **kwargs):
        super().__init__(2, filters, **kwargs)


def build():
    inputs = keras.Input((3,))
    x = Complete(3)(inputs)
    x = OwnFromConfig({})(x)
    x = Outer()(x)
    x = Unknown(3)(x)
    return keras.Model(inputs, Block2D(3)(x))
