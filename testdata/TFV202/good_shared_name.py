# Near misses of a `get_config` saving a shared `name`: one that starts from the base config (each layer keeps
# its own name), one that saves the layer's own name, and a class made once (its loaded layer is named "Solo",
# but nothing fails).
import os

import keras


@keras.saving.register_keras_serializable(package="fixtures")
class LRN(keras.layers.Layer):
    def __init__(self, alpha=0.5, **kwargs):
        self.alpha = alpha
        super().__init__(**kwargs)

    def call(self, x):
        return x * self.alpha

    def get_config(self):
        config = super().get_config()
        config.update({"alpha": self.alpha})
        return config


@keras.saving.register_keras_serializable(package="fixtures")
class Named(keras.layers.Layer):
    def __init__(self, alpha=0.5, **kwargs):
        super().__init__(**kwargs)
        self.alpha = alpha

    def call(self, x):
        return x * self.alpha

    def get_config(self):
        return {"name": self.name, "alpha": self.alpha}


@keras.saving.register_keras_serializable(package="fixtures")
class Solo(keras.layers.Layer):
    def __init__(self, alpha=0.5, **kwargs):
        super().__init__(**kwargs)
        self.alpha = alpha

    def call(self, x):
        return x * self.alpha

    def get_config(self):
        return {"name": self.__class__.__name__, "alpha": self.alpha}


def save_all(folder):
    inputs = keras.Input((3,))
    x = LRN(0.5)(LRN(0.25)(inputs))
    x = Named(0.5)(Named(0.25)(x))
    model = keras.Model(inputs, Solo()(x))
    path = os.path.join(folder, "all.keras")
    model.save(path)
    return model, path
