"""A transfer-learning notebook trains and saves model A, starts a fresh session, loads A and stacks all its layers but the last into model B, then adds a new unnamed `Dense` output: A's loaded layers keep the auto names of the first session (`dense`, `dense_1`, ...), and the new session hands the new layer the name `dense` again.

Source: https://github.com/ageron/handson-ml2/issues/143
Shape: helper, layers-index, sequential, notebook-like
Target: keras3
Runtime: raises ValueError: All layers added to a Sequential model should have unique names
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

keras.backend.clear_session()  # a new notebook session
model_A = keras.models.load_model(path)
model_B_on_A = keras.Sequential(model_A.layers[:-1])
model_B_on_A.add(keras.layers.Dense(1, activation="sigmoid"))  # expect: TFV104
