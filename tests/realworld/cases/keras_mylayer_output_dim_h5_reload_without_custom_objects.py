"""A `MyLayer(output_dim)` projection layer (a `kernel` made with `add_weight` in `build`, `**kwargs` handed to the base) is added after a `Dense` in a `Sequential`; `model.save("mode_test.h5")` writes, but the script reloads the file with a plain `load_model` and no `custom_objects`, and the class was never registered, so Keras cannot find `MyLayer` by its name.

Source: https://github.com/keras-team/keras/issues/8612
Shape: custom-layer, sequential, add-loop, save-load, json
Target: keras3
Runtime: raises ValueError: Unknown layer: 'MyLayer'
"""

import numpy as np
import keras
from keras import ops
from keras.layers import Dense, Input, Layer
from keras.models import Sequential, load_model


class MyLayer(Layer):  # expect: TFV202
    def __init__(self, output_dim, **kwargs):
        self.output_dim = output_dim
        super().__init__(**kwargs)

    def build(self, input_shape):
        self.kernel = self.add_weight(
            name="kernel", shape=(input_shape[1], self.output_dim), initializer="uniform", trainable=True
        )
        super().build(input_shape)

    def call(self, x):
        return ops.matmul(x, self.kernel)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.output_dim)


def build_model(input_dim=16, hidden=8, out_dim=5):
    model = Sequential()
    model.add(Input((input_dim,)))
    for layer in [Dense(hidden), MyLayer(out_dim)]:
        model.add(layer)
    return model


model = build_model()
model.compile(optimizer="sgd", loss="mse")
model.fit(np.random.rand(6, 16), np.random.rand(6, 5), epochs=1, verbose=0)
json_string = model.to_json()
model.save("mode_test.h5")
model = load_model("mode_test.h5")
restored = keras.models.model_from_json(json_string)
