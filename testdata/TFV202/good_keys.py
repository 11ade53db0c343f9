# Configs whose every key `__init__` takes: a parameter of that name, `**kwargs` (the keras#8956 constraint as
# fixed, a layer that hands `Layer.__init__` only keys it takes, one that pops its own key first), or an own
# `from_config` that drops the key.
import keras


@keras.saving.register_keras_serializable(package="fixtures")
class WeightClip(keras.constraints.Constraint):
    def __init__(self, c=2, **kwargs):
        self.c = c

    def __call__(self, p):
        return keras.ops.clip(p, -self.c, self.c)

    def get_config(self):
        return {"name": self.__class__.__name__, "c": self.c}


@keras.saving.register_keras_serializable(package="fixtures")
class Clip(keras.constraints.Constraint):
    def __init__(self, c=2):
        self.c = c

    def __call__(self, p):
        return keras.ops.clip(p, -self.c, self.c)

    def get_config(self):
        return {"name": "clip", "c": self.c}

    @classmethod
    def from_config(cls, config):
        return cls(c=config["c"])


@keras.saving.register_keras_serializable(package="fixtures")
class Scale(keras.layers.Layer):
    def __init__(self, factor, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, x):
        return x * self.factor

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor})
        return config


@keras.saving.register_keras_serializable(package="fixtures")
class NamedScale(keras.layers.Layer):
    def __init__(self, factor, name=None):
        super().__init__(name=name)
        self.factor = factor

    def call(self, x):
        return x * self.factor

    def get_config(self):
        return {"factor": self.factor, "name": self.name}


@keras.saving.register_keras_serializable(package="fixtures")
class Versioned(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        self.version = kwargs.pop("version", 1)
        super().__init__(**kwargs)
        self.units = units

    def call(self, x):
        return x

    def get_config(self):
        config = super().get_config()
        config.update({"units": self.units, "version": self.version, "autocast": self.autocast})
        return config


def build():
    inputs = keras.Input((3,))
    dense = keras.layers.Dense(2, kernel_constraint=WeightClip(0.5), bias_constraint=Clip(1.0), name="dense")
    return keras.Model(inputs, Versioned(2)(NamedScale(3.0)(Scale(2.0)(dense(inputs)))))
