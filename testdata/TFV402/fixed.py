# Layers and variables created inside call() of Keras layers and models.
import numpy as np
import keras
import tensorflow as tf


class Head(keras.layers.Layer):
    def __init__(self, units):
        super().__init__()
        self.units = units
        self.proj = keras.layers.Dense(self.units)

    def call(self, x):
        return self.proj(x)


class LazyHead(keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.proj = None
        self.proj = keras.layers.Dense(1)

    def call(self, x):
        return self.proj(x)


class LocalDense(keras.Model):
    def build(self, input_shape):
        self.dense = keras.layers.Dense(1)

    def call(self, x):
        return self.dense(x)  # expect: TFV402


class ShapeDependent(keras.layers.Layer):
    def __init__(self):
        super().__init__()

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], 1))

    def call(self, x):
        return tf.matmul(x, self.w)


def _fit(layer):
    model = keras.Sequential([keras.Input((3,)), layer])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((4, 3), "float32"), np.ones((4, 1), "float32"), verbose=0, epochs=1)
    return len(model.trainable_weights)


def case_head():
    return _fit(Head(1))


def case_lazy_head():
    return _fit(LazyHead())


def case_local_dense():
    return _fit(LocalDense())


def case_shape_dependent():
    return _fit(ShapeDependent())
