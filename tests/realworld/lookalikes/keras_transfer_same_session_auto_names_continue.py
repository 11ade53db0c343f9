"""Transfer learning in one session: model A is saved and loaded again without clear_session(), and model B stacks A's loaded layers with a new unnamed `Dense`; the session's counters were never reset, so the new layer is `dense_3`, not a second `dense`.

Source: https://github.com/ageron/handson-ml2/blob/master/11_training_deep_neural_networks.ipynb
Shape: helper, layers-index, sequential, notebook-like
Target: keras3
Runtime: runs
"""

import os
import tempfile

import numpy as np
import keras


def build_model_a():
    model = keras.Sequential([keras.Input((4,))])
    for n_hidden in (6, 5):
        model.add(keras.layers.Dense(n_hidden, activation="selu"))
    model.add(keras.layers.Dense(3, activation="softmax"))
    return model


model_A = build_model_a()
model_A.compile(loss="sparse_categorical_crossentropy", optimizer="sgd")
model_A.fit(np.random.rand(6, 4), np.random.randint(0, 3, 6), epochs=1, verbose=0)
path = os.path.join(tempfile.mkdtemp(), "my_model_A.keras")
model_A.save(path)

model_A = keras.models.load_model(path)
model_B_on_A = keras.Sequential(model_A.layers[:-1])
model_B_on_A.add(keras.layers.Dense(1, activation="sigmoid"))
assert [layer.name for layer in model_B_on_A.layers] == ["dense", "dense_1", "dense_3"]
