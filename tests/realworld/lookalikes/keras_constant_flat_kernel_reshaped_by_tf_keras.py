"""Neural Structured Learning's graph-regularization tests build a linear model whose Dense(1) kernel is a `Constant` initializer of the flat weight vector `np.array([1.0, -1.0])`; tf_keras makes the initializer with `tf.constant(value, shape=shape)`, which reshapes the two values into the (2, 1) kernel, so the model predicts 1 * 5 - 1 * 3.

Source: https://github.com/tensorflow/neural-structured-learning/blob/master/neural_structured_learning/keras/graph_regularization_test.py
Shape: helper, parameter, functional, sequential
Target: tf_keras
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf

FEATURE_NAME = "x"


def build_linear_sequential_model(input_shape, weights, num_output=1):
    model = tf.keras.Sequential()
    model.add(tf.keras.layers.InputLayer(input_shape=input_shape, name=FEATURE_NAME))
    model.add(
        tf.keras.layers.Dense(
            num_output,
            input_shape=input_shape,
            use_bias=False,
            name="dense",
            kernel_initializer=tf.keras.initializers.Constant(weights),
        )
    )
    return model


def build_linear_functional_model(input_shape, weights, num_output=1):
    inputs = tf.keras.Input(shape=input_shape, name=FEATURE_NAME)
    outputs = tf.keras.layers.Dense(
        num_output, use_bias=False, kernel_initializer=tf.keras.initializers.Constant(weights)
    )(inputs)
    return tf.keras.Model(inputs=inputs, outputs=outputs)


for build in (build_linear_sequential_model, build_linear_functional_model):
    model = build(input_shape=(2,), weights=np.array([1.0, -1.0]))
    prediction = model.predict(x={FEATURE_NAME: tf.constant([[5.0, 3.0]])}, steps=1, batch_size=1, verbose=0)
    assert np.allclose(prediction, [[1 * 5.0 + (-1.0) * 3.0]]), prediction
    print(build.__name__, prediction.tolist(), model.layers[-1].kernel.shape)
