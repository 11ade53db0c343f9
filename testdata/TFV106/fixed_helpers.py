# tf.Variables a layer makes in helper methods, loops and comprehensions of __init__/build, and with `shape=`.
import numpy as np
import tensorflow as tf
import keras


class Stacked(keras.layers.Layer):
    # A helper `__init__` calls: one scalar, then one per pass of a loop, appended to a list.
    def __init__(self, depth, **kwargs):
        super().__init__(**kwargs)
        self.depth = depth
        self._make_gains(depth)

    def _make_gains(self, depth):
        self.gain = self.add_weight(name="gain", shape=(), initializer=keras.initializers.Constant(1.0))  # expect: TFV106
        self.steps = []
        for i in range(depth):
            self.steps.append(self.add_weight(name="step_" + str(i), shape=(), initializer=keras.initializers.Constant(float(i + 1))))  # expect: TFV106

    def call(self, x):
        for step in self.steps:
            x = x * step
        return x * self.gain


class Shifted(keras.layers.Layer):
    # A comprehension in build, and an initializer method that returns the variable.
    def build(self, input_shape):
        self.shifts = [self.add_weight(shape=input_shape[-1:], initializer="zeros") for _ in range(2)]  # expect: TFV106
        self.widths = self.widths_init(input_shape[-1], name=self.name + "_widths")

    def widths_init(self, size, name=None):
        start = 2 ** np.arange(size).astype("float32")
        return self.add_weight(name=name, shape=start.shape, initializer=keras.initializers.Constant(start))  # expect: TFV106

    def call(self, x):
        for shift in self.shifts:
            x = x + shift
        return x * self.widths


class Frozen(keras.layers.Layer):
    # The shape given as an argument, not trained.
    def build(self, input_shape):
        n = input_shape[-1]
        self.memory = self.add_weight(
            name="memory", shape=(n, n), initializer="zeros", dtype="float32", trainable=False
        )  # expect: TFV106

    def call(self, x):
        return x + tf.matmul(x, self.memory)


class Resettable(keras.layers.Layer):
    # The helper runs again after the build (`layer.reset_state(...)`): an `add_weight` there would raise
    # (the built layer's state is locked), so there is no fix.
    def build(self, input_shape):
        self.reset_state(input_shape[-1])

    def reset_state(self, size):
        self.state = tf.Variable(tf.ones((size,)))  # expect: TFV106

    def call(self, x):
        return x * self.state


def case_reset():
    layer = Resettable()
    layer(np.ones((1, 3), "float32"))
    layer.reset_state(3)
    return {"weights": len(layer.weights)}


def fit(*layers):
    model = keras.Sequential([keras.Input((3,)), *layers])
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    model.fit(np.ones((4, 3), "float32"), np.full((4, 3), 2.0, "float32"), epochs=1, batch_size=4, verbose=0)
    return model


def case_helpers():
    layers = [Stacked(2), Shifted(), Frozen()]
    model = keras.Sequential([keras.Input((3,)), *layers])
    before = [np.asarray(v).tolist() for v in (layers[0].gain, *layers[0].steps, *layers[1].shifts, layers[1].widths, layers[2].memory)]
    fit(*layers)
    return {
        "initial": before,
        "trainable": len(model.trainable_weights),
        "non_trainable": len(model.non_trainable_weights),
        "gain_trained": float(layers[0].gain) != 1.0,
    }
