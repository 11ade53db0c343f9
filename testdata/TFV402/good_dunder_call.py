# Layers that override `__call__` and stay right: the layer made once in `__init__`; a `__call__` that only
# runs Keras' own through `super()`; one that makes its layer per call, but in a functional model, whose graph
# tracks the layers it holds.
import numpy as np
import keras


class Once(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.inner = keras.layers.Dense(2)

    def __call__(self, inputs):
        return self.inner(inputs)


class Delegates(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.inner = keras.layers.Dense(2)

    def __call__(self, inputs, *args, **kwargs):
        return super().__call__(inputs, *args, **kwargs)

    def call(self, inputs):
        return self.inner(inputs)


class Project(keras.layers.Layer):
    def __call__(self, inputs):
        return keras.layers.Dense(2)(inputs)


class Scorer(keras.Model):
    def __init__(self):
        super().__init__()
        self.once = Once()
        self.delegates = Delegates()

    def call(self, inputs):
        return self.delegates(self.once(inputs))


def trains(model):
    x, y = np.ones((8, 3), "float32"), np.ones((8, 2), "float32")
    model.compile(optimizer="sgd", loss="mse")
    model.fit(x, y, epochs=1, verbose=0)
    before = [w.numpy().copy() for w in model.trainable_weights]
    model.fit(x, y, epochs=1, verbose=0)
    return [len(before), all(not np.array_equal(b, w.numpy()) for b, w in zip(before, model.trainable_weights))]


def case_made_once_in_a_sequential():
    return trains(keras.Sequential([keras.Input((3,)), Once()]))


def case_delegating_in_a_sequential():
    return trains(keras.Sequential([keras.Input((3,)), Delegates()]))


def case_called_by_a_subclassed_model():
    return trains(Scorer())


def case_made_per_call_in_a_functional_model():
    inputs = keras.Input((3,))
    return trains(keras.Model(inputs, Project()(inputs)))
