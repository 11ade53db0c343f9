"""A darknet-to-Keras converter walks the .cfg sections, reads each convolution's bias, batch-norm statistics and kernel from the .weights stream, and hands them to the new layers as `Conv2D(..., weights=conv_weights)` and `BatchNormalization(weights=bn_weight_list)`; Keras 3 (what `tensorflow.keras` is in TF 2.16+) refuses the keyword, so converting yolo-fastest stops at its first convolution (the `BatchNormalization` after it, never reached, refuses `weights=` the same way: `ValueError: Unrecognized keyword arguments passed to BatchNormalization`, run alone in Keras 3.15).

Source: https://github.com/david8862/keras-YOLOv3-model-set/issues/250
Shape: loop, config-parser, conditional, buffer-reads, functional, list-of-tensors
Target: keras3
Runtime: raises ValueError: Unrecognized keyword arguments passed to Conv2D
"""

import configparser
import io

import numpy as np
from tensorflow.keras import backend as K
from tensorflow.keras.layers import Add, BatchNormalization, Conv2D, Input, LeakyReLU, ZeroPadding2D
from tensorflow.keras.models import Model
from tensorflow.keras.regularizers import l2

CFG = """
[net_0]
width=32
height=32
decay=0.0005

[convolutional_0]
batch_normalize=1
filters=8
size=3
stride=2
pad=1
activation=leaky

[convolutional_1]
batch_normalize=1
filters=8
size=1
stride=1
pad=1
activation=leaky

[shortcut_0]
from=-2
activation=linear

[convolutional_2]
filters=6
size=1
stride=1
pad=1
activation=linear
"""


def fake_weights_file(n_floats, rng):
    header = np.array([0, 2, 0], "int32").tobytes() + np.zeros(1, "int64").tobytes()
    return io.BytesIO(header + rng.normal(size=n_floats).astype("float32").tobytes())


def convert(cfg_text, weights_file):
    major, minor, revision = np.ndarray(shape=(3,), dtype="int32", buffer=weights_file.read(12))
    seen = np.ndarray(shape=(1,), dtype="int64", buffer=weights_file.read(8))
    print("Weights Header: ", major, minor, revision, seen)
    cfg_parser = configparser.ConfigParser()
    cfg_parser.read_string(cfg_text)
    weight_decay = float(cfg_parser["net_0"]["decay"])
    width, height = int(cfg_parser["net_0"]["width"]), int(cfg_parser["net_0"]["height"])

    input_layer = Input(shape=(height, width, 3), name="image_input")
    prev_layer = input_layer
    all_layers = []
    for section in cfg_parser.sections():
        if section.startswith("convolutional"):
            filters = int(cfg_parser[section]["filters"])
            size = int(cfg_parser[section]["size"])
            stride = int(cfg_parser[section]["stride"])
            pad = int(cfg_parser[section]["pad"])
            activation = cfg_parser[section]["activation"]
            batch_normalize = "batch_normalize" in cfg_parser[section]
            padding = "same" if pad == 1 and stride == 1 else "valid"

            prev_layer_shape = K.int_shape(prev_layer)
            weights_shape = (size, size, prev_layer_shape[-1], filters)
            darknet_w_shape = (filters, weights_shape[2], size, size)
            weights_size = int(np.prod(weights_shape))

            conv_bias = np.ndarray(shape=(filters,), dtype="float32", buffer=weights_file.read(filters * 4))
            if batch_normalize:
                bn_weights = np.ndarray(shape=(3, filters), dtype="float32", buffer=weights_file.read(filters * 12))
                bn_weight_list = [bn_weights[0], conv_bias, bn_weights[1], bn_weights[2]]
            conv_weights = np.ndarray(
                shape=darknet_w_shape, dtype="float32", buffer=weights_file.read(weights_size * 4)
            )
            conv_weights = np.transpose(conv_weights, [2, 3, 1, 0])
            conv_weights = [conv_weights] if batch_normalize else [conv_weights, conv_bias]

            if stride > 1:
                prev_layer = ZeroPadding2D(((1, 0), (1, 0)))(prev_layer)
            conv_layer = Conv2D(  # expect: TFV201
                filters,
                (size, size),
                strides=(stride, stride),
                kernel_regularizer=l2(weight_decay),
                use_bias=not batch_normalize,
                weights=conv_weights,
                padding=padding,
            )(prev_layer)
            if batch_normalize:
                conv_layer = BatchNormalization(weights=bn_weight_list)(conv_layer)  # expect: TFV201
            prev_layer = conv_layer
            if activation == "leaky":
                prev_layer = LeakyReLU(negative_slope=0.1)(prev_layer)
            all_layers.append(prev_layer)
        elif section.startswith("shortcut"):
            index = int(cfg_parser[section]["from"])
            all_layers.append(Add()([all_layers[index], prev_layer]))
            prev_layer = all_layers[-1]
    return Model(input_layer, prev_layer)


model = convert(CFG, fake_weights_file(4096, np.random.default_rng(0)))
model.save("yolo-fastest.h5")
