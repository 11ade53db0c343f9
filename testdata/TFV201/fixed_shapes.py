# Post-build edits in the shapes real code has: reached through get_layer and model.layers, in a helper given the
# model, through a parameter, in another method of a class, in a dict of layers, with get/edit/set round trips.
import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(5)


def set_output_prior(model, prior):
    model.get_layer("head").bias.assign(prior)  # expect: TFV201


def case_get_layer_in_helper():
    inputs = tf.keras.Input((4,))
    hidden = tf.keras.layers.Dense(3, name="hidden")(inputs)
    outputs = tf.keras.layers.Dense(2, name="head")(hidden)
    model = tf.keras.Model(inputs, outputs)
    set_output_prior(model, np.array([0.25, -0.25]))
    return model


def case_layers_index():
    model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(3, name="square", kernel_initializer=tf.keras.initializers.Identity(), bias_initializer=tf.keras.initializers.Constant(0.5))])
    return model


def case_round_trip_slice():
    model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(4, name="gate", bias_initializer=tf.keras.initializers.Constant([1.0, 1.0, 0.0, 0.0]))])
    return model


class Tower:
    def __init__(self):
        self.inputs = tf.keras.Input((5,))
        self.heads = {"score": tf.keras.layers.Dense(1, name="score")}
        self.model = tf.keras.Model(self.inputs, self.heads["score"](self.inputs))

    def start_closed(self):
        self.heads["score"].bias.assign(tf.constant([-2.0]))  # expect: TFV201


def case_across_methods():
    tower = Tower()
    tower.start_closed()
    return tower.model


def case_whole_then_element():
    # Every element is known: one Constant(matrix), no generated initializer class.
    model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(2, name="mix", kernel_initializer=tf.keras.initializers.Constant([[9.0, 2.0], [3.0, 4.0]]))])
    return model
