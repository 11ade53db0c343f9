"""The backbone module of a Faster R-CNN port: `nn_base(input_tensor, trainable)` builds the first stage of a ResNet with layers that carry fixed names (`conv1`, `bn_conv1`, `pool1`) so that pretrained weights load by name.

Source: https://github.com/yhenon/keras-frcnn/issues/159
Shape: helper, parameter, functional, two-module
Target: keras3
Runtime: raises ValueError: The name "conv1" is used 2 times in the model
"""

import keras
from keras import layers


def nn_base(input_tensor, trainable=False):
    x = layers.ZeroPadding2D((3, 3))(input_tensor)
    x = layers.Conv2D(8, (7, 7), strides=(2, 2), name="conv1", trainable=trainable)(x)
    x = layers.BatchNormalization(name="bn_conv1")(x)
    x = layers.Activation("relu")(x)
    x = layers.MaxPooling2D((3, 3), strides=(2, 2), name="pool1")(x)
    return x


def flatten(x):
    return layers.Flatten()(x)


__all__ = ["keras", "nn_base", "flatten"]
