"""The reporter's working version: the model class builds its `Bidirectional(LSTM)` sub-model once in `__init__` and adds it as a layer, so the outer model owns and trains the LSTM weights.

Source: https://github.com/keras-team/keras-applications/issues/168
Shape: class-attribute, sequential, wrapper, nested-model
Target: keras3
Runtime: runs
"""

import numpy as np
from keras.layers import LSTM, Bidirectional, Dense, GlobalAveragePooling1D, Input
from keras.models import Sequential


class MyModel(object):
    def __init__(self, timesteps, features, n_classes, units=16):
        model = Sequential()
        # some layers like:
        cell = LSTM(units, return_sequences=True)
        layer = Bidirectional(cell)
        model.add(layer)
        self.encoder = model

        self.model = Sequential()
        self.model.add(Input((timesteps, features)))
        self.model.add(self.encoder)
        self.model.add(GlobalAveragePooling1D())
        self.model.add(Dense(n_classes, activation="softmax"))

    def train(self, x, y, epochs=1):
        self.model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        return self.model.fit(x, y, batch_size=4, epochs=epochs, verbose=0)


rng = np.random.RandomState(0)
clf = MyModel(timesteps=5, features=3, n_classes=2)
before = [w.copy() for w in clf.encoder.get_weights()]
history = clf.train(rng.rand(8, 5, 3).astype("float32"), rng.randint(0, 2, size=8))
after = clf.encoder.get_weights()
print("trainable weights:", len(clf.model.trainable_weights))
if len(clf.model.trainable_weights) != 8 or all(np.allclose(b, a) for b, a in zip(before, after)):
    print("TFVARFIX-BUG: the LSTM weights are not owned or not trained")
print(history.history["accuracy"])
