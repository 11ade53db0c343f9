"""A noise-suppression RNN clips its weights with a custom `WeightClip` constraint whose `get_config` returns a `name` key that `__init__` does not accept, so the saved model cannot be loaded back.

Source: https://github.com/keras-team/keras/issues/8956
Shape: module, functional, custom-object
Target: keras3
Runtime: raises TypeError: could not be deserialized properly
"""

import os
import tempfile

import keras
from keras import layers


class WeightClip(keras.constraints.Constraint):
    """Clips the weights incident to each hidden unit to be inside a range."""

    def __init__(self, c=2):
        self.c = c

    def __call__(self, p):
        return keras.ops.clip(p, -self.c, self.c)

    def get_config(self):  # expect: TFV202
        return {"name": self.__class__.__name__, "c": self.c}


constraint = WeightClip(0.499)
main_input = keras.Input(shape=(None, 6), name="main_input")
tmp = layers.Dense(4, activation="tanh", name="input_dense", kernel_constraint=constraint, bias_constraint=constraint)(main_input)
vad_gru = layers.GRU(3, return_sequences=True, name="vad_gru", kernel_constraint=constraint, recurrent_constraint=constraint, bias_constraint=constraint)(tmp)
vad_output = layers.Dense(1, activation="sigmoid", name="vad_output", kernel_constraint=constraint, bias_constraint=constraint)(vad_gru)
model = keras.Model(inputs=main_input, outputs=vad_output)
model.compile(loss="binary_crossentropy", optimizer="adam")

path = os.path.join(tempfile.mkdtemp(), "weights.keras")
model.save(path)
keras.models.load_model(path, custom_objects={"WeightClip": WeightClip})
