# Lambdas that read a module-level name of this program, in models this module saves: a number
# (keras#9431's `lambda x: x * size_of_something`) and a function (tensorflow#54198's `dummy_padding`). Keras 3
# saves a lambda as bytecode with its closure and loads it without this module's globals: given an
# `output_shape`, the load works and the loaded model's call raises `NameError`.
import keras
import numpy as np
from keras import ops

SCALE = 10.0


def clip(x):
    return ops.clip(x, -1.0, 1.0)


def pad(x, size):
    return ops.pad(x, [[0, 0], [size, size]])


def case_scaled():
    inputs = keras.Input((3,))
    return keras.Model(inputs, keras.layers.Lambda(lambda x: x * SCALE, output_shape=(3,))(inputs))  # expect: TFV202


def case_clipped():
    inputs = keras.Input((3,))
    clipped = keras.layers.Lambda(lambda x: clip(x), output_shape=(3,), name="clipped")(inputs)  # expect: TFV202
    return keras.Model(inputs, clipped)


def case_padded(size=1):
    # `size` is a closure variable, which the save keeps; `pad` is not: no fix moves this lambda up.
    inputs = keras.Input((3,))
    padded = keras.layers.Lambda(lambda x: pad(x, size), output_shape=(3 + 2 * size,))(inputs)  # expect: TFV202
    return keras.Model(inputs, padded)


def save_and_load(build, path):
    model = build()
    model.save(path)
    return model, keras.models.load_model(path, safe_mode=False)


def run(folder):
    x = np.linspace(-2.0, 2.0, 6, dtype="float32").reshape(2, 3)
    out = {}
    for name, build in (("scaled", case_scaled), ("clipped", case_clipped), ("padded", case_padded)):
        model, loaded = save_and_load(build, f"{folder}/{name}.keras")
        try:
            out[name] = bool(np.allclose(model.predict(x, verbose=0), loaded.predict(x, verbose=0)))
        except Exception as error:
            out[name] = f"{type(error).__name__}: {error}"
    return out
