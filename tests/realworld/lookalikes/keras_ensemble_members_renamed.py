"""Stacked ensemble: one builder makes every member with the same layer names, and each member's layers are renamed before merging.

Source: https://github.com/albermax/innvestigate/issues/238
Shape: helper, loop, layers-index, functional, builder-called-twice
Target: keras3
Runtime: runs
"""

import keras


def make_member():
    inputs = keras.Input((4,), name="member_input")
    hidden = keras.layers.Dense(3, activation="relu", name="hidden")(inputs)
    return keras.Model(inputs, keras.layers.Dense(2, name="out")(hidden))


def define_stacked_model(members):
    for i in range(len(members)):
        model = members[i]
        for layer in model.layers:
            layer.trainable = False
            layer.name = "ensemble_" + str(i + 1) + "_" + layer.name
    ensemble_visible = [model.input for model in members]
    ensemble_outputs = [model.output for model in members]
    merge = keras.layers.concatenate(ensemble_outputs)
    hidden = keras.layers.Dense(4, activation="relu")(merge)
    output = keras.layers.Dense(3)(hidden)
    return keras.Model(inputs=ensemble_visible, outputs=output)


stacked = define_stacked_model([make_member() for _ in range(2)])
print(len(stacked.layers))
