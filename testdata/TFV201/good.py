# Near misses: values from data, after training, from another model, or not a layer's weight.
import numpy as np
import tensorflow as tf

x_train = np.random.default_rng(0).normal(size=(8, 4)).astype("float32")
y_train = np.zeros((8, 3), dtype="float32")


def data_dependent():
    dense = tf.keras.layers.Dense(3)
    _ = dense(tf.zeros((1, 4)))
    weights = dense.get_weights()
    weights[0][0, 0] = float(x_train.mean())
    dense.set_weights(weights)


def after_training():
    inputs = tf.keras.Input((4,))
    dense = tf.keras.layers.Dense(3)
    model = tf.keras.Model(inputs, dense(inputs))
    model.compile(optimizer="sgd", loss="mse")
    model.fit(x_train, y_train, epochs=1, verbose=0)
    dense.kernel[0, 0].assign(0.5)


def transfer():
    source = tf.keras.layers.Dense(3)
    target = tf.keras.layers.Dense(3)
    _ = source(tf.zeros((1, 4)))
    _ = target(tf.zeros((1, 4)))
    target.set_weights(source.get_weights())


def plain_variable():
    v = tf.Variable(tf.zeros((2, 2)))
    v[0, 0].assign(1.0)
    v.assign(np.ones((2, 2)))


def not_built_here(dense):
    dense.kernel[0, 0].assign(0.5)


def initializer_instead():
    dense = tf.keras.layers.Dense(3, kernel_initializer=tf.keras.initializers.Constant(0.5))
    _ = dense(tf.zeros((1, 4)))
