# Keras's auto names: an unnamed layer is named from a per-session counter of its class (`dense`, `dense_1`,
# ...), clear_session() resets the counters, and a loaded model keeps the names it was saved with. Model B built
# on model A's loaded layers gets a new unnamed Dense named `dense` again (handson-ml2#143).
import os
import tempfile

import keras


def build_model_a():
    model = keras.Sequential([keras.Input((4,))])
    for width in (6, 5):
        model.add(keras.layers.Dense(width, activation="relu"))
    model.add(keras.layers.Dense(3, activation="softmax"))
    return model


def model_b_on_a(path):
    model_a = keras.models.load_model(path)
    model_b = keras.Sequential(model_a.layers[:-1])
    model_b.add(keras.layers.Dense(1, activation="sigmoid"))  # expect: TFV104
    return model_b


PATH = os.path.join(tempfile.mkdtemp(), "model_a.keras")
build_model_a().save(PATH)
keras.backend.clear_session()  # a new session: the counters start again
model = model_b_on_a(PATH)
