# A helper with fixed layer names, called once per member or branch of one model: every call makes the same names.
import keras
from keras import layers


def stem(x, name_prefix=""):
    x = layers.Dense(4, name=f"{name_prefix}stem_dense")(x)  # expect: TFV104
    return layers.Activation("relu", name=f"{name_prefix}stem_relu")(x)  # expect: TFV104


def case_members_in_a_comprehension():
    inputs = keras.Input((3,))
    members = [stem(inputs, name_prefix=f"stem_{i}_") for i in range(3)]
    model = keras.Model(inputs, layers.Concatenate()(members))
    return [layer.name for layer in model.layers]


def tower(x, width, name_prefix=""):
    return layers.Dense(width, name=f'{name_prefix}tower_out')(x)


def case_two_towers():
    user_in, item_in = keras.Input((3,)), keras.Input((5,))
    user = tower(user_in, 4, name_prefix="user_")
    item = tower(item_in, 4, name_prefix="item_")  # expect: TFV104
    model = keras.Model([user_in, item_in], layers.Dot(axes=1)([user, item]))
    return [layer.name for layer in model.layers]


def branch(x, width, *extra, name_prefix=""):
    return layers.Dense(width + len(extra), name=f"{name_prefix}branch_dense")(x)  # expect: TFV104


def case_branches_in_a_loop():
    inputs = keras.Input((3,))
    outputs = []
    for i, width in enumerate([2, 4]):
        outputs.append(branch(inputs, width, name_prefix=f"branch_{i}_"))
    model = keras.Model(inputs, layers.Concatenate()(outputs))
    return [layer.name for layer in model.layers]


def dilated(x, rate, name_prefix=""):
    return layers.Conv1D(2, 2, dilation_rate=rate, padding="causal", name=f"{name_prefix}conv_{rate}")(x)  # expect: TFV104


def case_repeated_rates():
    inputs = keras.Input((8, 2))
    x = inputs
    for i, rate in enumerate([1, 1, 2]):
        x = dilated(x, rate, name_prefix=f"dilated_{i}_")
    model = keras.Model(inputs, x)
    return [layer.name for layer in model.layers]
