# Reported without a fix: a constant name made in a loop, and a name that other code looks up.
import keras


def case_loop():
    model = keras.Sequential([keras.Input((4,))])
    for _ in range(2):
        model.add(keras.layers.Dense(4, name="repeated"))  # expect: TFV104
    return model


def case_referenced():
    model = keras.Sequential([
        keras.Input((4,)),
        keras.layers.Dense(4, name="head"),
        keras.layers.Dense(4, name="head"),  # expect: TFV104
    ])
    return model.get_layer("head")
