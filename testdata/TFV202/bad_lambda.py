# A Lambda given a Python lambda that reads a module of the program (`ops`, `keras`), in a model this module
# saves (keras-oneshot#10's L1 distance): Keras 3 saves the lambda as bytecode and loads it with the globals of
# its own python_utils module, so the load cannot find `ops` and fails.
import keras
import numpy as np
from keras import ops


def case_distance():
    left = keras.Input((3,))
    right = keras.Input((3,))
    distance = keras.layers.Lambda(lambda t: ops.abs(t[0] - t[1]))([left, right])  # expect: TFV202
    score = keras.layers.Dense(1, activation="sigmoid")(distance)
    return keras.Model([left, right], score)


def case_named():
    inputs = keras.Input((3,))
    x = keras.layers.Lambda(lambda v: keras.ops.square(v), name="square")(inputs)  # expect: TFV202
    return keras.Model(inputs, keras.layers.Dense(2)(x))


def save_and_load(build, path):
    model = build()
    model.save(path)
    return model, keras.models.load_model(path, safe_mode=False)


def run(folder):
    data = [np.ones((2, 3), "float32"), np.zeros((2, 3), "float32")]
    out = {}
    for name, build, x in (("distance", case_distance, data), ("named", case_named, data[0])):
        model, loaded = save_and_load(build, f"{folder}/{name}.keras")
        out[name] = bool(np.allclose(model.predict(x, verbose=0), loaded.predict(x, verbose=0)))
    return out
