"""A dropout wrapper layer reads `self.layer.kernel` in build, but the wrapped layer is an LSTM, whose kernel is on its cell.

Source: https://github.com/yaringal/ConcreteDropout/issues/6
Shape: subclassed, parameter, class-attribute, functional
Target: keras3
Runtime: raises AttributeError: 'LSTM' object has no attribute 'kernel'
"""

import keras


class WeightPenaltyWrapper(keras.layers.Wrapper):
    """Wraps any layer and adds an L2 penalty on its kernel (the reporter's wrapper learnt a dropout rate too)."""

    def __init__(self, layer, weight_regularizer=1e-6, **kwargs):
        super().__init__(layer, **kwargs)
        self.weight_regularizer = weight_regularizer

    def build(self, input_shape):
        if not self.layer.built:
            self.layer.build(input_shape)
        super().build(input_shape)
        weight = self.layer.kernel  # expect: TFV103
        self.add_loss(self.weight_regularizer * keras.ops.sum(keras.ops.square(weight)))

    def call(self, inputs):
        return self.layer(inputs)


inputs = keras.Input((5, 3))
hidden = WeightPenaltyWrapper(keras.layers.LSTM(4))(inputs)
outputs = keras.layers.Dense(1)(hidden)
model = keras.Model(inputs, outputs)
print(model.count_params())
