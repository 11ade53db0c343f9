# Reported without a fix: a name that other code looks up.
import keras


def case_referenced():
    model = keras.Sequential([
        keras.Input((4,)),
        keras.layers.Dense(4, name="head"),
        keras.layers.Dense(4, name="head"),  # expect: TFV104
    ])
    return model.get_layer("head")
