"""Converting an old checkpoint for Keras 3 re-creates each weight as keras.Variable under its old scoped name.

Source: https://github.com/keras-team/keras/issues/18467
Shape: helper, loop, container, functional
Target: keras3
Runtime: raises ValueError: Argument `name` must be a string and cannot contain character `/`
"""

import keras
import numpy as np

inputs = keras.Input((4,))
outputs = keras.layers.Dense(2, name="conv1")(inputs)
model = keras.Model(inputs, outputs)

# what tf.train.list_variables / load_variable returned for the TF 2.15 checkpoint
old_checkpoint = {"conv1/kernel": np.ones((4, 2), "float32"), "conv1/bias": np.zeros((2,), "float32")}


def convert(checkpoint):
    restored = {}
    for name, value in checkpoint.items():
        restored[name] = keras.Variable(value, name=name)  # expect: TFV101
    return restored


weights = convert(old_checkpoint)
model.get_layer("conv1").set_weights([weights["conv1/kernel"].numpy(), weights["conv1/bias"].numpy()])
