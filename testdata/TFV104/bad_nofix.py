# Reported without a fix: a name that other code looks up.
import keras


def case_referenced():
    model = keras.Sequential([
        keras.Input((4,)),
        keras.layers.Dense(4, name="head"),
        keras.layers.Dense(4, name="head"),  # expect: TFV104
    ])
    return model.get_layer("head")


def head(x):
    return keras.layers.Dense(2, name="probe")(x)  # expect: TFV104


def case_helper_name_looked_up():
    inputs = keras.Input((4,))
    model = keras.Model(inputs, keras.layers.Concatenate()([head(inputs) for _ in range(2)]))
    return model.get_layer("probe")


def twin(x):
    return keras.layers.Dense(2, name="twin_dense")(x)


def case_helper_passed_around():
    inputs = keras.Input((4,))
    make = twin
    model = keras.Model(inputs, keras.layers.Concatenate()([make(inputs), twin(inputs)]))  # expect: TFV104
    return model


PROJECTION = {"units": 4, "name": "proj"}


def case_config_unpacked():
    inputs = keras.Input((4,))
    query = keras.layers.Dense(**PROJECTION)
    key = keras.layers.Dense(**PROJECTION)  # expect: TFV104
    return keras.Model(inputs, keras.layers.Concatenate()([query(inputs), key(inputs)]))


def project(x, name=None):
    first = keras.layers.Dense(2, name=name)(x)
    return keras.layers.Dense(2, name=name)(first)  # expect: TFV104


def case_name_variable_sometimes_none():
    # Given "proj" the two layers collide; given None Keras names them: a suffix would make "None_1".
    inputs = keras.Input((4,))
    named = keras.Model(inputs, project(inputs, "proj"))
    return keras.Model(inputs, project(inputs))
