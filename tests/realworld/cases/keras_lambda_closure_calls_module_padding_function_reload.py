"""A helper builds a Sequential model whose `Lambda(lambda x: dummy_padding(x, padding_size))` calls a module-level function of the program with the helper's `padding_size`; the model is saved and loaded back with `safe_mode=False`, but Keras 3 rebuilds the lambda from its bytecode with its closure and without the program's globals, so the loaded model's first call cannot find `dummy_padding`.

Source: https://github.com/tensorflow/tensorflow/issues/54198
Shape: lambda, closure, helper, parameter, module-function, sequential, save-load
Target: keras3
Runtime: raises NameError: name 'dummy_padding' is not defined
"""

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Dense, Flatten, Input, Lambda
from tensorflow.keras.models import Sequential, load_model


def dummy_padding(x, padding_size):
    return tf.pad(x, [[0, 0], [padding_size, padding_size], [padding_size, padding_size], [0, 0]], mode="SYMMETRIC")


def dummy_nn(n_hidden, kernel_size=28, padding_size=5):
    model = Sequential()
    model.add(Input((kernel_size, kernel_size, 1)))
    model.add(Lambda(lambda x: dummy_padding(x, padding_size)))  # expect: TFV202
    model.add(Flatten())
    model.add(Dense(10))
    return model


model_ = dummy_nn(500)
tf.keras.models.save_model(model_, "model_.keras")
restored = load_model("model_.keras", safe_mode=False)
x = np.random.rand(2, 28, 28, 1).astype("float32")
print(np.abs(restored.predict(x, verbose=0) - model_.predict(x, verbose=0)).max())
