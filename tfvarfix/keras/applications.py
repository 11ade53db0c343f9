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
