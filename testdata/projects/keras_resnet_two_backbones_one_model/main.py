"""A script builds two residual backbones with the library's ResNet(inputs) (every layer named by the library:
"conv1", "bn_conv1", "res2a_branch2a", ...) on two inputs and wires both outputs into one model; the model holds two
layers named "conv1".

Source: https://github.com/broadinstitute/keras-resnet/issues/50
Shape: two-module, helper, parameter, functional
Target: keras3
Runtime: raises ValueError: The name "conv1" is used 2 times in the model
"""

import keras

from resnet import ResNet

image = keras.Input((16, 16, 3), name="image")
mask = keras.Input((16, 16, 3), name="mask")

image_net = ResNet(image)
mask_net = ResNet(mask)  # expect: TFV104

merged = keras.layers.Concatenate()([image_net.output, mask_net.output])
out = keras.layers.Dense(1, activation="sigmoid")(merged)
model = keras.Model([image, mask], out)
