# Two layers with one name in one model.
import keras
from tensorflow.keras import layers


def case_sequential_list():
    return keras.Sequential([
        keras.Input((4,)),
        keras.layers.Dense(8, name="hidden"),
        keras.layers.Dense(8, name="hidden"),  # expect: TFV104
    ])


def case_sequential_add():
    model = keras.Sequential()
    model.add(keras.Input((4,)))
    model.add(layers.Dense(8, name="proj"))
    model.add(layers.Dropout(0.1))
    model.add(layers.Dense(2, name='proj'))  # expect: TFV104
    return model


def case_functional():
    inputs = keras.Input((4,))
    hidden = layers.Dense(8, name="block")(inputs)
    outputs = layers.Dense(2, name="block")(hidden)  # expect: TFV104
    return keras.Model(inputs, outputs)
