# Functions made by `def` given to `Lambda`, in models this module saves (CAP#10's `crop()` helper returning
# `Lambda(func)` for a nested `func`; a module-level `squeeze`). Keras 3 saves such a function by its name, and
# `load_model` cannot find it again unless it is registered or passed in `custom_objects`.
import keras
import numpy as np
from keras import ops


@keras.utils.register_keras_serializable()
def squeeze(x):  # expect: TFV202
    return ops.squeeze(x, axis=1)


def crop(start, end):
    def func(x):
        return x[:, start:end]

    return keras.layers.Lambda(func)  # expect: TFV202


def case_module_function():
    inputs = keras.Input((1, 3))
    return keras.Model(inputs, keras.layers.Lambda(squeeze)(inputs))


def case_nested_function():
    inputs = keras.Input((4,))
    return keras.Model(inputs, crop(1, 3)(inputs))


def run(folder):
    out = {}
    for name, build, x in (
        ("module", case_module_function, np.ones((2, 1, 3), "float32")),
        ("nested", case_nested_function, np.ones((2, 4), "float32")),
    ):
        model = build()
        model.save(f"{folder}/{name}.keras")
        try:
            loaded = keras.models.load_model(f"{folder}/{name}.keras")
            out[name] = bool(np.allclose(model.predict(x, verbose=0), loaded.predict(x, verbose=0)))
        except Exception as error:
            out[name] = f"{type(error).__name__}: {error}"
    return out
