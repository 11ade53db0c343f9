"""An `f1` metric function (nested `recall` and `precision` helpers, written because Keras 2 dropped its f1) is given to `compile(metrics=[f1])`; training and `model.save` work, but Keras 3 stores the metric by name (`{'class_name': 'function', 'config': 'f1'}`) and the later `load_model` passes no `custom_objects`, so the compiled model cannot be rebuilt.

Source: https://github.com/keras-team/keras/issues/11363
Shape: metric-function, nested-function, sequential, compile, save-load
Target: keras3
Runtime: raises TypeError: Could not locate function 'f1'
"""

import numpy as np
import keras
from keras import backend as K
from keras import ops


def f1(y_true, y_pred):  # expect: TFV202
    def recall(y_true, y_pred):
        true_positives = ops.sum(ops.round(ops.clip(y_true * y_pred, 0, 1)))
        possible_positives = ops.sum(ops.round(ops.clip(y_true, 0, 1)))
        return true_positives / (possible_positives + K.epsilon())

    def precision(y_true, y_pred):
        true_positives = ops.sum(ops.round(ops.clip(y_true * y_pred, 0, 1)))
        predicted_positives = ops.sum(ops.round(ops.clip(y_pred, 0, 1)))
        return true_positives / (predicted_positives + K.epsilon())

    precision = precision(y_true, y_pred)
    recall = recall(y_true, y_pred)
    return 2 * ((precision * recall) / (precision + recall + K.epsilon()))


def make_classifier(n_features, hidden_sizes=(16, 8)):
    model = keras.Sequential([keras.Input((n_features,))])
    for size in hidden_sizes:
        model.add(keras.layers.Dense(size, activation="relu"))
    model.add(keras.layers.Dense(1, activation="sigmoid"))
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy", f1])
    return model


x = np.random.rand(32, 6).astype("float32")
y = np.random.randint(0, 2, (32, 1)).astype("float32")
model = make_classifier(6)
model.fit(x, y, epochs=1, verbose=0)
model.save("ani.keras")
reloaded = keras.models.load_model("ani.keras")
