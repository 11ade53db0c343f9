# Lambdas Keras 3 saves and loads back: one that reads only its argument (loaded with safe_mode=False), a
# registered function, and a lambda that reads `ops` in a model this module never saves (it saves another).
import keras
import numpy as np
from keras import ops


@keras.saving.register_keras_serializable()
def l1_distance(t):
    return ops.abs(t[0] - t[1])


def case_argument_only():
    left = keras.Input((3,))
    right = keras.Input((3,))
    distance = keras.layers.Lambda(lambda t: t[0] - t[1])([left, right])
    return keras.Model([left, right], keras.layers.Dense(1)(distance))


def case_registered():
    left = keras.Input((3,))
    right = keras.Input((3,))
    distance = keras.layers.Lambda(l1_distance)([left, right])
    return keras.Model([left, right], keras.layers.Dense(1)(distance))


def unsaved():
    inputs = keras.Input((3,))
    return keras.Model(inputs, keras.layers.Lambda(lambda v: ops.square(v))(inputs))


def save_and_load(build, path):
    model = build()
    model.save(path)
    return model, keras.models.load_model(path, safe_mode=False)


def run(folder):
    data = [np.ones((2, 3), "float32"), np.zeros((2, 3), "float32")]
    out = {}
    for name, build in (("argument_only", case_argument_only), ("registered", case_registered)):
        model, loaded = save_and_load(build, f"{folder}/{name}.keras")
        out[name] = bool(np.allclose(model.predict(data, verbose=0), loaded.predict(data, verbose=0)))
    out["unsaved"] = unsaved().predict(data[0], verbose=0).shape
    return out
