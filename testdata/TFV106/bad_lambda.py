# Keras 3: a tf.Variable made outside any layer and read by a Lambda's function (tensorflow#30587): the model
# does not own it, so fit never trains it and model.save does not save it.
import numpy as np
import tensorflow as tf
import keras

B = tf.Variable(tf.random.normal((4, 6)))  # expect: TFV106
scale = tf.Variable(2.0)  # expect: TFV106


def case_matmul():
    inputs = keras.Input((6,))
    out = keras.layers.Lambda(lambda x: tf.matmul(x, B, transpose_b=True), output_shape=(4,), name="proj")(inputs)
    return keras.Model(inputs, out)


def case_scaled():
    inputs = keras.Input((3,))
    return keras.Model(inputs, keras.layers.Lambda(lambda x: tf.multiply(x, scale))(inputs))


def train(model, width):
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((4, model.input_shape[-1])), np.zeros((4, width)), epochs=1, verbose=0)
    return model
