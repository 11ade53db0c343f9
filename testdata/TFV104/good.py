# Near misses: distinct names, one name in two models, names that differ per loop step, exclusive branches.
import keras
from keras import layers

encoder = keras.Sequential([keras.Input((4,)), layers.Dense(8, name="hidden")])
decoder = keras.Sequential([keras.Input((8,)), layers.Dense(4, name="hidden")])

stack = keras.Sequential([keras.Input((4,))])
for i in range(3):
    stack.add(layers.Dense(4, name=f"block_{i}"))

unnamed = keras.Sequential([keras.Input((4,)), layers.Dense(4), layers.Dense(4)])


class Head(keras.Model):
    def __init__(self, classes):
        super().__init__()
        if classes > 2:
            self.out = layers.Dense(classes, name="out")
        else:
            self.out = layers.Dense(1, name="out")

    def call(self, x):
        return self.out(x)


def build(kind):
    inputs = keras.Input((4,))
    a = layers.Dense(4, name="shared")(inputs)
    first = keras.Model(inputs, a)
    inputs2 = keras.Input((4,))
    b = layers.Dense(4, name="shared")(inputs2)
    second = keras.Model(inputs2, b)
    return first, second
