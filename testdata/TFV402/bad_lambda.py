# The function given to `Lambda` makes state: Keras runs it on every forward pass and tracks nothing it makes.
import numpy as np
import tensorflow as tf
from tensorflow import keras


def scale_and_shift(x):
    scale = tf.Variable(tf.ones((1, 1)), name="scale")  # expect: TFV402
    return scale * x


def case_variable_in_lambda_function():
    inputs = keras.Input((1,))
    model = keras.Model(inputs, keras.layers.Lambda(scale_and_shift, output_shape=(1,))(inputs))
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((4, 1), "float32"), np.ones((4, 1), "float32"), epochs=1, verbose=0)


def case_layer_in_lambda():
    inputs = keras.Input((3,))
    project = keras.layers.Lambda(lambda x: keras.layers.Dense(2)(x))  # expect: TFV402
    model = keras.Model(inputs, project(inputs))
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((4, 3), "float32"), np.ones((4, 2), "float32"), epochs=1, verbose=0)
