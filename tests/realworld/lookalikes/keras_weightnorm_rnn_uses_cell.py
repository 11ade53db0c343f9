"""A weight-normalization wrapper that branches on the wrapped layer type and reads the RNN's kernel from its cell.

Source: https://github.com/tensorflow/addons/pull/819
Shape: subclassed, parameter, isinstance, class-attribute, sequential
Target: keras3
Runtime: runs
"""

import keras


class WeightNormalization(keras.layers.Wrapper):
    def __init__(self, layer, **kwargs):
        super().__init__(layer, **kwargs)
        self.is_rnn = isinstance(self.layer, keras.layers.RNN)

    def build(self, input_shape):
        if not self.layer.built:
            self.layer.build(input_shape)
        kernel = self.layer.cell.recurrent_kernel if self.is_rnn else self.layer.kernel
        self.g = self.add_weight(name="g", shape=(kernel.shape[-1],), initializer="ones")
        super().build(input_shape)

    def call(self, inputs):
        return self.layer(inputs)


model = keras.Sequential([
    keras.Input((5, 3)),
    WeightNormalization(keras.layers.SimpleRNN(4, return_sequences=True)),
    keras.layers.Flatten(),
    WeightNormalization(keras.layers.Dense(2)),
])
print([w.shape for w in model.weights if w.name == "g"])
