# A helper with fixed layer names, called once per member or branch of one model: every call makes the same names.
import keras
from keras import layers


def stem(x):
    x = layers.Dense(4, name="stem_dense")(x)  # expect: TFV104
    return layers.Activation("relu", name="stem_relu")(x)  # expect: TFV104


def case_members_in_a_comprehension():
    inputs = keras.Input((3,))
    members = [stem(inputs) for _ in range(3)]
    model = keras.Model(inputs, layers.Concatenate()(members))
    return [layer.name for layer in model.layers]


def tower(x, width):
    return layers.Dense(width, name='tower_out')(x)


def case_two_towers():
    user_in, item_in = keras.Input((3,)), keras.Input((5,))
    user = tower(user_in, 4)
    item = tower(item_in, 4)  # expect: TFV104
    model = keras.Model([user_in, item_in], layers.Dot(axes=1)([user, item]))
    return [layer.name for layer in model.layers]


def branch(x, width, *extra):
    return layers.Dense(width + len(extra), name="branch_dense")(x)  # expect: TFV104


def case_branches_in_a_loop():
    inputs = keras.Input((3,))
    outputs = []
    for width in [2, 4]:
        outputs.append(branch(inputs, width))
    model = keras.Model(inputs, layers.Concatenate()(outputs))
    return [layer.name for layer in model.layers]


def dilated(x, rate):
    return layers.Conv1D(2, 2, dilation_rate=rate, padding="causal", name=f"conv_{rate}")(x)  # expect: TFV104


def case_repeated_rates():
    inputs = keras.Input((8, 2))
    x = inputs
    for rate in [1, 1, 2]:
        x = dilated(x, rate)
    model = keras.Model(inputs, x)
    return [layer.name for layer in model.layers]
