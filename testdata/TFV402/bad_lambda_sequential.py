# A Lambda held by a Sequential, never called on a tensor by the program: Keras calls its function when it builds
# the model (on the `Input`, at `build`, or at the first fit/predict) and again in fit's traced step, where the
# state it makes is made anew (keras-applications#168: a sub-model of Bidirectional(LSTM) built by a helper).
import keras
import numpy as np
import tensorflow as tf


def gain(x):
    g = tf.Variable(1.0, name="gain")  # expect: TFV402
    return x * g


def case_added_after_input():
    model = keras.Sequential()
    model.add(keras.Input((3,)))
    model.add(keras.layers.Lambda(lambda x: keras.layers.Dense(2)(x), output_shape=(2,)))  # expect: TFV402
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((4, 3), "float32"), np.ones((4, 2), "float32"), epochs=1, verbose=0)


def case_given_a_list_without_input():
    model = keras.Sequential([keras.layers.Dense(3), keras.layers.Lambda(gain)])
    return model.predict(np.ones((4, 3), "float32"), verbose=0).tolist()


class Encoder:
    def __init__(self, units):
        def wrapper(x):
            inner = keras.Sequential()
            cell = keras.layers.LSTM(units, return_sequences=True)  # expect: TFV402
            inner.add(keras.layers.Bidirectional(cell))  # expect: TFV402
            return inner(x)

        self.model = keras.Sequential()
        self.model.add(keras.Input((5, 3)))
        self.model.add(keras.layers.Lambda(lambda x: wrapper(x), output_shape=(5, 2 * units)))
        self.model.add(keras.layers.GlobalAveragePooling1D())

    def train(self, x, y):
        self.model.compile(optimizer="adam", loss="mse")
        self.model.fit(x, y, epochs=1, verbose=0)


def case_helper_in_a_class():
    Encoder(4).train(np.ones((4, 5, 3), "float32"), np.ones((4, 8), "float32"))
