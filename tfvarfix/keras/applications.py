"""The names `keras.applications` give the models they build, when `name=` is not passed.

Measured on keras 3.15.1 (`getattr(keras.applications, X)(weights=None, include_top=False, input_shape=...)`,
then `.name`); `tests/runtime/test_applications_runtime.py` re-measures some. Names that depend on the arguments
(MobileNet and MobileNetV2 put alpha and the input size in theirs) are left out: unknown.
"""

from __future__ import annotations

KERAS3_NAMES: dict[str, str] = {
    "MobileNetV3Small": "MobileNetV3Small",
    "MobileNetV3Large": "MobileNetV3Large",
    "ResNet50": "resnet50",
    "ResNet101": "resnet101",
    "ResNet152": "resnet152",
    "ResNet50V2": "resnet50v2",
    "VGG16": "vgg16",
    "VGG19": "vgg19",
    "InceptionV3": "inception_v3",
    "InceptionResNetV2": "inception_resnet_v2",
    "Xception": "xception",
    "DenseNet121": "densenet121",
    "DenseNet169": "densenet169",
    "DenseNet201": "densenet201",
    "EfficientNetB0": "efficientnetb0",
    "EfficientNetB1": "efficientnetb1",
    "EfficientNetV2B0": "efficientnetv2-b0",
    "EfficientNetV2S": "efficientnetv2-s",
    "NASNetMobile": "nasnet_mobile",
    "ConvNeXtTiny": "convnext_tiny",
}


# The name of one inner layer each application gives itself whatever the call's arguments: the first, in the model's
# layer order, of the names two builds share (the others are Keras auto names, unique per build). A functional model
# built from two applications' `input`/`output` tensors holds both sets of inner layers (Keras flattens them), so it
# holds this name twice and raises `The name "mixed0" is used 2 times in the model` (thanif/CPL#4: two InceptionV3
# backbones). Measured on keras 3.15.1, two `X(weights=None, include_top=False, input_shape=...)` each, by
# /work/probes/new12/measure/application_inner_names.py (299x299 inputs for the Inception family and Xception,
# 224x224 for the others). ConvNeXt is left out: its inner names carry its `model_name` prefix.
KERAS3_INNER_NAMES: dict[str, str] = {
    "MobileNetV3Small": "conv",
    "MobileNetV3Large": "conv",
    "ResNet50": "conv1_pad",
    "ResNet101": "conv1_pad",
    "ResNet152": "conv1_pad",
    "ResNet50V2": "conv1_pad",
    "VGG16": "block1_conv1",
    "VGG19": "block1_conv1",
    "InceptionV3": "mixed0",
    "InceptionResNetV2": "mixed_5b",
    "Xception": "block1_conv1",
    "DenseNet121": "conv1_conv",
    "DenseNet169": "conv1_conv",
    "DenseNet201": "conv1_conv",
    "EfficientNetB0": "stem_conv_pad",
    "EfficientNetB1": "stem_conv_pad",
    "EfficientNetV2B0": "stem_conv",
    "EfficientNetV2S": "stem_conv",
    "NASNetMobile": "stem_conv1",
}
