# Lambdas Keras 3 saves and loads back with safe_mode=False: those that read only their argument and closure
# variables (a helper's parameter, a local of the function that makes the model), which the save keeps, and
# one that reads a module-level number in a model this module never saves.
import keras
import numpy as np

OFFSET = 1.0


def case_parameter(factor=3.0):
    inputs = keras.Input((3,))
    return keras.Model(inputs, keras.layers.Lambda(lambda x: x * factor, output_shape=(3,))(inputs))


def case_local():
    scale = 0.5
    shift = 2.0
    inputs = keras.Input((3,))
    return keras.Model(inputs, keras.layers.Lambda(lambda x: x * scale + shift, output_shape=(3,))(inputs))


def unsaved():
    inputs = keras.Input((3,))
    return keras.Model(inputs, keras.layers.Lambda(lambda x: x + OFFSET, output_shape=(3,))(inputs))


def save_and_load(build, path):
    model = build()
    model.save(path)
    return model, keras.models.load_model(path, safe_mode=False)


def run(folder):
    x = np.linspace(-2.0, 2.0, 6, dtype="float32").reshape(2, 3)
    out = {}
    for name, build in (("parameter", case_parameter), ("local", case_local)):
        model, loaded = save_and_load(build, f"{folder}/{name}.keras")
        out[name] = bool(np.allclose(model.predict(x, verbose=0), loaded.predict(x, verbose=0)))
    out["unsaved"] = float(unsaved().predict(x, verbose=0)[0, 0])
    return out
