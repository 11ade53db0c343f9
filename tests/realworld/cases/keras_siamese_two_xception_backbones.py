"""A siamese traffic-density model makes two `Xception(include_top=False)` backbones with a `make_backbone` helper (one for the current frame, one for the previous), applies each to its own input and joins them in one `keras.Model`; both applications models carry the fixed name `xception`.

Source: https://github.com/keras-team/keras-applications/issues/119
Shape: helper, functional, notebook-like
Target: keras3
Runtime: raises ValueError: The name "xception" is used 2 times in the model
"""

import keras
from keras import layers
from keras.applications import Xception


def make_backbone(input_shape):
    return Xception(include_top=False, weights=None, input_shape=input_shape, pooling="avg")


input_shape = (71, 71, 3)
xception_conv_base = make_backbone(input_shape)
xception_conv_base_previous = make_backbone(input_shape)  # expect: TFV104

current = keras.Input(input_shape)
previous = keras.Input(input_shape)
merged = layers.Concatenate()([xception_conv_base(current), xception_conv_base_previous(previous)])
density = layers.Dense(1)(merged)
model = keras.Model([current, previous], density)
