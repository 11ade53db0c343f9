# A constant name given in a loop or a comprehension: every pass makes a layer of that name.
import keras


def case_loop():
    model = keras.Sequential([keras.Input((4,))])
    for _ in range(2):
        model.add(keras.layers.Dense(4, name="repeated"))  # expect: TFV104
    return [layer.name for layer in model.layers]


def case_loop_over_widths():
    model = keras.Sequential([keras.Input((4,))])
    for width in [8, 4]:
        model.add(keras.layers.Dense(width, name="fc"))  # expect: TFV104
    return [layer.name for layer in model.layers]


def case_comprehension_looked_up():
    model = keras.Sequential([keras.Input((4,))] + [keras.layers.Dense(4, name="block") for _ in range(3)])  # expect: TFV104
    return [model.get_layer("block").name, *(layer.name for layer in model.layers)]
