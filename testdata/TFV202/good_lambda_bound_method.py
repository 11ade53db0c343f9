# Near misses of a bound method in a saved `Lambda`: what the method did as a registered module-level function
# that takes the object's value through `Lambda(..., arguments={...})`; a bound method in a model never saved;
# and one that a registered layer's `__init__` wraps (its load runs that `__init__` again, never reading the
# saved `Lambda`).
import keras
import numpy as np
from keras import ops


@keras.saving.register_keras_serializable(package="good_bound")
def centred(x, axis):
    return x - ops.mean(x, axis=axis, keepdims=True)


class ModelArchitecture:
    def __init__(self, axis=1):
        self.axis = axis

    def custom_layer(self, x):
        return x - ops.mean(x, axis=self.axis, keepdims=True)

    def saved(self):
        inputs = keras.Input((4,))
        return keras.Model(inputs, keras.layers.Lambda(centred, arguments={"axis": self.axis})(inputs))

    def unsaved(self):
        inputs = keras.Input((4,))
        return keras.Model(inputs, keras.layers.Lambda(self.custom_layer)(inputs))


@keras.saving.register_keras_serializable(package="good_bound")
class Centre(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.inner = keras.layers.Lambda(self.centre)

    def centre(self, x):
        return x - ops.mean(x, axis=1, keepdims=True)

    def call(self, x):
        return self.inner(x)


def run(folder):
    x = np.arange(8, dtype="float32").reshape(2, 4)
    architecture = ModelArchitecture()
    model = architecture.saved()
    model.save(f"{folder}/saved.keras")
    loaded = keras.models.load_model(f"{folder}/saved.keras")
    inputs = keras.Input((4,))
    wrapped = keras.Model(inputs, Centre()(inputs))
    wrapped.save(f"{folder}/wrapped.keras")
    reloaded = keras.models.load_model(f"{folder}/wrapped.keras")
    return {
        "saved": bool(np.allclose(model.predict(x, verbose=0), loaded.predict(x, verbose=0))),
        "unsaved": list(architecture.unsaved().predict(x, verbose=0).shape),
        "wrapped": bool(np.allclose(wrapped.predict(x, verbose=0), reloaded.predict(x, verbose=0))),
    }
