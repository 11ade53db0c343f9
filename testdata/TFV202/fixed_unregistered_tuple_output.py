# A program layer whose `call` returns two tensors (attention_keras#19's AttentionLayer returns its context and
# its attention weights), unregistered, its outputs unpacked and passed on to other layers, in a model this
# module saves and loads back from the same file without custom_objects: Keras cannot locate the class by name.
import keras
import numpy as np


@keras.utils.register_keras_serializable()
class SplitGate(keras.layers.Layer):  # expect: TFV202
    def call(self, x):
        return keras.ops.tanh(x), keras.ops.sigmoid(x)


def gated():
    inputs = keras.Input((3,))
    values, gates = SplitGate()(inputs)
    mixed = keras.layers.Concatenate()([values, gates])
    return keras.Model(inputs, keras.layers.Dense(2)(mixed))


def save_and_load():
    model = gated()
    model.save("gated.keras")
    return model, keras.models.load_model("gated.keras")


def build():
    return gated()
