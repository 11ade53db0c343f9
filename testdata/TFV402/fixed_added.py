# A model keeps an empty `Sequential` made in `__init__` and adds its layers to it in `call()`: every call adds
# more layers (Keras calls it more than once), so the weights are remade and the stack grows.
import numpy as np
import keras


class Tower(keras.Model):
    def __init__(self, units):
        super().__init__()
        self.units = units
        self.stack = keras.Sequential()
        self.stack.add(keras.layers.Dense(self.units, activation="relu"))  # expect: TFV402
        self.stack.add(keras.layers.Dropout(0.1))
        self.stack.add(keras.layers.Dense(2))  # expect: TFV402

    def call(self, inputs):
        return self.stack(inputs)


def case_fit():
    keras.utils.set_random_seed(0)
    model = Tower(4)
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((8, 3), "float32"), np.ones((8, 2), "float32"), epochs=2, verbose=0)
    return len(model.trainable_weights)
