# A `get_config` that returns a key `__init__` cannot take (no such parameter, no `**kwargs`): Keras 3 saves the
# model, and `load_model` calls `cls(**config)`, which raises `TypeError: ... got an unexpected keyword argument`
# (keras#8956: a constraint's config carried its class name under "name").
import keras


@keras.saving.register_keras_serializable(package="fixtures")
class WeightClip(keras.constraints.Constraint):
    def __init__(self, c=2, **kwargs):
        self.c = c

    def __call__(self, p):
        return keras.ops.clip(p, -self.c, self.c)

    def get_config(self):  # expect: TFV202
        return {"name": self.__class__.__name__, "c": self.c}


@keras.saving.register_keras_serializable(package="fixtures")
class Shifted(keras.initializers.Initializer):
    def __init__(self, shift, **kwargs):
        self.shift = shift

    def __call__(self, shape, dtype=None):
        return keras.ops.ones(shape, dtype=dtype) + self.shift

    def get_config(self):  # expect: TFV202
        return {"shift": self.shift, "seed": None}


@keras.saving.register_keras_serializable(package="fixtures")
class Scale(keras.layers.Layer):
    def __init__(self, factor, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, x):
        return x * self.factor

    def get_config(self):  # expect: TFV202
        config = super().get_config()
        config.update({"factor": self.factor})
        return config


@keras.saving.register_keras_serializable(package="fixtures")
class Gain(keras.layers.Layer):
    def __init__(self, gain, **kwargs):
        super(Gain, self).__init__(**kwargs)
        self.gain = gain

    def call(self, x):
        return x * self.gain

    def get_config(self):  # expect: TFV202
        config = {"gain": self.gain}
        base_config = super(Gain, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


def case_clip():
    inputs = keras.Input((3,))
    return keras.Model(inputs, keras.layers.Dense(2, kernel_constraint=WeightClip(0.5), name="dense")(inputs))


def case_shift():
    inputs = keras.Input((3,))
    return keras.Model(inputs, keras.layers.Dense(2, kernel_initializer=Shifted(0.25), name="dense")(inputs))


def case_scale():
    inputs = keras.Input((3,))
    return keras.Model(inputs, Scale(2.0)(inputs))


def case_gain():
    inputs = keras.Input((3,))
    return keras.Model(inputs, Gain(3.0)(inputs))
