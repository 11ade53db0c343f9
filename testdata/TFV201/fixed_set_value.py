# `set_value` on a weight variable: Keras 3 variables (and tf.Variable) have no `set_value`, so the edit
# raises. Where the values cannot move into the initializer (the layer made in another method, the edit in a
# loop), the fix is the method that exists: `assign`.
import numpy as np
import keras


class Decomposition:
    def __init__(self, units):
        self.units = units
        inputs = keras.Input((1,))
        sine = keras.layers.Dense(units, activation=keras.ops.sin, name="sine")(inputs)
        linear = keras.layers.Dense(units, name="linear")(inputs)
        merged = keras.layers.Concatenate()([sine, linear])
        self.model = keras.Model(inputs, keras.layers.Dense(1)(merged))

    def zero_biases(self):
        for index in (1, 3):
            self.model.weights[index].assign(np.full((self.units,), 0.5, "float32"))  # expect: TFV201
        return self.model


def case_zero_biases():
    model = Decomposition(3).zero_biases()
    return [np.asarray(model.weights[i]).tolist() for i in (1, 3)]
