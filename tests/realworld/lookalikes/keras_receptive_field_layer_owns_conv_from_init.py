"""A custom layer makes its `Conv2D(name="conv")` in `__init__` and only calls it in `call()`; the model-building function is called twice (once per receptive-field probe), each call making fresh layers in its own model.

Source: https://github.com/shelfwise/receptivefield/issues/19
Shape: custom-layer, class-attribute, helper, functional
Target: keras3
Runtime: runs
"""

import numpy as np
from tensorflow.keras.layers import Conv2D, Input, Layer
from tensorflow.keras.models import Model


class MyLayer(Layer):
    def __init__(self, **kwargs):
        super(MyLayer, self).__init__(**kwargs)
        self.conv = Conv2D(1, 3, name="conv")

    def call(self, inputs):
        return self.conv(inputs)

    def compute_output_shape(self, input_shape):
        return [*input_shape[:1], 1]


def model_build_func(input_shape=[32, 32, 3]):  # noqa: B006
    im = Input(input_shape, name="image")
    conv_im = MyLayer(name="feature_map")(im)
    model = Model(im, conv_im)
    return model


first = model_build_func(input_shape=[32, 32, 3])
second = model_build_func(input_shape=[16, 16, 3])
print(len(first.weights), second.predict(np.zeros((1, 16, 16, 3)), verbose=0).shape)
