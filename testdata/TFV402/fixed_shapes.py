# State created inside call() of Keras layers and models, in the shapes real code takes: helpers, loops,
# containers, parameters, helper methods, subclasses, Sequential/functional/subclassed models.
import numpy as np
import keras
import tensorflow as tf
from keras import layers


def dense_block(x, units):
    return layers.Dense(units)(x)  # expect: TFV402


class ThroughHelper(layers.Layer):
    def call(self, x):
        return dense_block(x, 2)


class InALoop(layers.Layer):
    def call(self, x):
        for units in (4, 1):
            x = layers.Dense(units)(x)  # expect: TFV402
        return x


class InALoopOverAttribute(layers.Layer):
    def __init__(self, widths):
        super().__init__()
        self.widths = widths

    def call(self, x):
        for units in self.widths:
            x = layers.Dense(units)(x)  # expect: TFV402
        return x


class InAList(layers.Layer):
    def __init__(self):
        super().__init__()

    def call(self, x):
        self.blocks = [
            layers.Dense(4),  # expect: TFV402
            layers.Dense(1),  # expect: TFV402
        ]
        for block in self.blocks:
            x = block(x)
        return x


class InADict(layers.Layer):
    def __init__(self):
        super().__init__()
        self.heads = {}

    def call(self, x):
        self.heads["out"] = layers.Dense(1)  # expect: TFV402
        return self.heads["out"](x)


class FromParameter(layers.Layer):
    def __init__(self):
        super().__init__()

    def call(self, x, units=1):
        self.proj = layers.Dense(units)  # expect: TFV402
        return self.proj(x)


class AcrossMethods(layers.Layer):
    def __init__(self):
        super().__init__()

    def _head(self):
        self.head = layers.Dense(1)  # expect: TFV402
        return self.head

    def call(self, x):
        return self._head()(x)


class WeightInCall(layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], 1), initializer="ones")

    def call(self, x):
        w = self.w  # expect: TFV402
        return tf.matmul(x, w)


class VariableInCall(layers.Layer):
    def call(self, x):
        self.scale = keras.Variable(np.ones((1,), "float32"))  # expect: TFV402
        return x[:, :1] * self.scale


class Base(layers.Layer):
    def call(self, x):
        return self.project(x)


class Child(Base):
    def __init__(self):
        super().__init__()

    def project(self, x):
        self.proj = layers.Dense(1)  # expect: TFV402
        return self.proj(x)


class Subclassed(keras.Model):
    def __init__(self):
        super().__init__()

    def call(self, x):
        if not hasattr(self, "head"):
            self.head = layers.Dense(1)  # expect: TFV402
        return self.head(x)


class Residual(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.proj = layers.Dense(self.units)

    def call(self, x):
        return x + self.proj(x)


def _fit(model):
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((4, 3), "float32"), np.ones((4, 1), "float32"), verbose=0, epochs=1)
    return len(model.trainable_weights)


def _sequential(layer):
    return _fit(keras.Sequential([keras.Input((3,)), layer]))


def _functional(layer):
    inputs = keras.Input((3,))
    return _fit(keras.Model(inputs, layer(inputs)))


def case_through_helper():
    return _sequential(ThroughHelper())


def case_in_a_loop():
    return _functional(InALoop())


def case_in_a_loop_over_attribute():
    return _sequential(InALoopOverAttribute([4, 1]))


def case_in_a_list():
    return _sequential(InAList())


def case_in_a_dict():
    return _functional(InADict())


def case_from_parameter():
    return _sequential(FromParameter())


def case_across_methods():
    return _sequential(AcrossMethods())


def case_weight_in_call():
    return _sequential(WeightInCall())


def case_variable_in_call():
    return _sequential(VariableInCall())


def case_subclass_of_custom_layer():
    return _functional(Child())


def case_subclassed_model():
    return _fit(Subclassed())


def case_residual_in_functional():
    inputs = keras.Input((3,))
    outputs = layers.Dense(1)(Residual(3)(inputs))
    return _fit(keras.Model(inputs, outputs))
