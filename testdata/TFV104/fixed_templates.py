# Layer names computed from a template at two sites: every name the second site makes repeats the first's.
import keras


def case_two_towers_percent_format():
    user, item = keras.Input((3,)), keras.Input((3,))
    x, y = user, item
    for idx in range(1, 3):
        x = keras.layers.Dense(4, name="layer%d" % idx)(x)
    for idx in range(1, 3):
        y = keras.layers.Dense(4, name="layer%d_1" % idx)(y)  # expect: TFV104
    return keras.Model([user, item], keras.layers.Multiply()([x, y]))


def stack(x, sizes):
    for i, size in enumerate(sizes):
        x = keras.layers.Dense(size, name=f"fc_{i}")(x)
    return x


def other_stack(x, sizes):
    for i, size in enumerate(sizes):
        x = keras.layers.Dense(size, name=f"fc_{i}_1")(x)  # expect: TFV104
    return x


def case_two_helpers_f_string():
    a, b = keras.Input((3,)), keras.Input((3,))
    return keras.Model([a, b], [stack(a, (4, 2)), other_stack(b, (4, 2))])


def case_format_method():
    inputs = keras.Input((3,))
    x = keras.layers.Dense(4, name="proj_{}".format(0))(inputs)
    y = keras.layers.Dense(4, name="proj_{}_1".format(0))(x)  # expect: TFV104
    return keras.Model(inputs, y)
