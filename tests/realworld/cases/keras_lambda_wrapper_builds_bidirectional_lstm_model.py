"""A model class wraps a `Sequential` of `Bidirectional(LSTM)` in a `Lambda`, built by a helper nested in `__init__`; the wrapper builds a new sub-model with new LSTM weights on every call, the outer model does not own them, and `fit` refuses the variables made in its traced step.

Source: https://github.com/keras-team/keras-applications/issues/168
Shape: class-attribute, nested-function, lambda, sequential, helper, wrapper
Target: keras3
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import numpy as np
from keras.layers import LSTM, Bidirectional, Dense, GlobalAveragePooling1D, Input, Lambda
from keras.models import Sequential


class MyModel(object):
    def __init__(self, timesteps, features, n_classes, units=16):
        def lambda_wrapper(x):
            model = Sequential()
            # some layers like:
            cell = LSTM(units, return_sequences=True)  # expect: TFV402
            layer = Bidirectional(cell)  # expect: TFV402
            model.add(layer)
            return model(x)

        lambda_model_layer = Lambda(lambda x: lambda_wrapper(x), output_shape=(timesteps, 2 * units))
        self.model = Sequential()
        self.model.add(Input((timesteps, features)))
        self.model.add(lambda_model_layer)
        self.model.add(GlobalAveragePooling1D())
        self.model.add(Dense(n_classes, activation="softmax"))

    def train(self, x, y, epochs=1):
        self.model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        return self.model.fit(x, y, batch_size=4, epochs=epochs, verbose=0)


rng = np.random.RandomState(0)
clf = MyModel(timesteps=5, features=3, n_classes=2)
print("trainable weights:", len(clf.model.trainable_weights))
history = clf.train(rng.rand(8, 5, 3).astype("float32"), rng.randint(0, 2, size=8))
print(history.history["accuracy"])
