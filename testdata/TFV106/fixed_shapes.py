# tf.Variable attributes of Keras 3 layers and models, in the shapes real code takes: helpers, loops,
# containers, parameters, helper methods called from __init__/build, subclasses of custom layers.
import numpy as np
import tensorflow as tf
from tensorflow import keras


def glorot(shape):
    return tf.Variable(keras.initializers.GlorotUniform(seed=1)(shape))  # expect: TFV106


class FromHelper(keras.layers.Layer):
    def build(self, input_shape):
        self.w = glorot((input_shape[-1], 2))

    def call(self, x):
        return tf.matmul(x, self.w)


class FromParameter(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.scale = self.add_weight(name="scale", shape=(units,), initializer="ones")  # expect: TFV106

    def call(self, x):
        return x * self.scale


class InALoop(keras.layers.Layer):
    def build(self, input_shape):
        for i in range(2):
            setattr(self, f"w{i}", tf.Variable(tf.ones((input_shape[-1],))))  # expect: TFV106

    def call(self, x):
        return x * self.w0 * self.w1


class InAList(keras.layers.Layer):
    def build(self, input_shape):
        self.taps = [self.add_weight(shape=(input_shape[-1],), initializer="ones") for _ in range(3)]  # expect: TFV106

    def call(self, x):
        for tap in self.taps:
            x = x * tap
        return x


class InADict(keras.layers.Layer):
    def build(self, input_shape):
        self.params = {"b": self.add_weight(name="params", shape=(input_shape[-1],), initializer="zeros")}  # expect: TFV106

    def call(self, x):
        return x + self.params["b"]


class AcrossMethods(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._make_state()

    def _make_state(self):
        self.offset = self.add_weight(name="offset", shape=(), initializer=keras.initializers.Constant(0.5))  # expect: TFV106

    def call(self, x):
        return x + self.offset


class Base(keras.layers.Layer):
    def call(self, x):
        return x * self.gain


class Child(Base):
    def build(self, input_shape):
        self.gain = self.add_weight(name="gain", shape=(input_shape[-1],), initializer="ones")  # expect: TFV106


class ThroughLocalName(keras.layers.Layer):
    def build(self, input_shape):
        with tf.name_scope("gate"):
            gate = self.add_weight(name="gate", shape=(input_shape[-1],), initializer="ones")  # expect: TFV106
        self.gate = gate

    def call(self, x):
        return x * self.gate


class Calibrated(keras.Model):
    def __init__(self):
        super().__init__()
        self.head = keras.layers.Dense(1)
        self.temperature = self.add_weight(
            name="temperature", shape=(), initializer=keras.initializers.Constant(1.0), trainable=True
        )  # expect: TFV106

    def call(self, x):
        return self.head(x) / self.temperature


def case_functional():
    inputs = keras.Input((3,))
    x = FromHelper()(inputs)
    x = FromParameter(2)(x)
    model = keras.Model(inputs, x)
    return model, len(model.trainable_weights)


def case_sequential():
    model = keras.Sequential([keras.Input((3,)), InALoop(), InAList(), InADict(), AcrossMethods(), Child(), ThroughLocalName()])
    return model, len(model.trainable_weights)


def case_subclassed():
    model = Calibrated()
    model(np.zeros((1, 3), "float32"))
    return model, len(model.trainable_weights)


class FromInitialValue(keras.layers.Layer):
    # `init` is a float in one use and a list in another: `init.shape` would raise, so there is no fix.
    def __init__(self, init, **kwargs):
        super().__init__(**kwargs)
        self.scale = tf.Variable(init)  # expect: TFV106

    def call(self, x):
        return x * self.scale


def case_initial_value_from_the_caller():
    model = keras.Sequential([keras.Input((3,)), FromInitialValue(2.0), FromInitialValue([1.0, 2.0, 3.0])])
    return model, len(model.trainable_weights)
