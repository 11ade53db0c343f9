# Functions made by `def` given to `Lambda` that every load finds: passed in `custom_objects` (a dict made
# before the load, as CAP#10's script does), registered, or in a model that is never saved.
import keras
import numpy as np
from keras import ops


def squeeze(x):
    return ops.squeeze(x, axis=1)


@keras.saving.register_keras_serializable(package="good_lambda")
def double(x):
    return x * 2.0


def crop(start, end):
    def func(x):
        return x[:, start:end]

    return keras.layers.Lambda(func)


def run(folder):
    x = np.ones((2, 1, 3), "float32")
    inputs = keras.Input((1, 3))
    model = keras.Model(inputs, keras.layers.Lambda(double)(keras.layers.Lambda(squeeze)(inputs)))
    model.save(f"{folder}/model.keras")
    custom_objects = {"squeeze": squeeze}
    loaded = keras.models.load_model(f"{folder}/model.keras", custom_objects=custom_objects)
    unsaved = keras.Sequential([keras.Input((4,)), crop(1, 3)])
    return {
        "loaded": bool(np.allclose(model.predict(x, verbose=0), loaded.predict(x, verbose=0))),
        "unsaved": list(unsaved.predict(np.ones((2, 4), "float32"), verbose=0).shape),
    }
