# Near misses in real shapes: a fresh layer per loop pass given data, an edit expected to fail, weights loaded
# from a file before the edit, another model's trained weights, the weights scaled after training in a helper.
import os
import tempfile

import numpy as np
import pytest
import tensorflow as tf

batches = [np.random.default_rng(i).normal(size=(4, 3)).astype("float32") for i in range(2)]


def per_batch_bias():
    for batch in batches:
        dense = tf.keras.layers.Dense(3)
        dense(batch)
        dense.bias.assign(batch.mean(axis=0))


def expected_to_fail():
    dense = tf.keras.layers.Dense(3)
    with pytest.raises(ValueError):
        dense.set_weights([np.ones((4, 3)), np.zeros(3)])


def after_loading():
    model = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(3)])
    path = os.path.join(tempfile.mkdtemp(), "m.weights.h5")
    model.save_weights(path)
    model.load_weights(path)
    model.layers[0].bias.assign(np.zeros(3))
    return model


def shrink(model, factor):
    for layer in model.layers:
        kernel = layer.kernel.numpy()
        layer.kernel.assign(kernel * factor)


def trained_then_shrunk():
    model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(2)])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(batches[0], np.zeros((4, 2)), epochs=1, verbose=0)
    shrink(model, 0.5)
    return model


def copied_from_trained():
    source = trained_then_shrunk()
    target = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(2)])
    target.layers[0].kernel.assign(source.layers[0].kernel)
    target.layers[0].set_weights(source.layers[0].get_weights())
    return target
