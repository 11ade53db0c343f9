"""A pix2pix converter dumps every variable of a TF checkpoint to numbered `.npy` files, rebuilds the generator in Keras with a `generator()` helper whose `ngf = 32`, then walks `model.layers[1:]` giving each conv layer `[weights[idx], weights[idx + 1]]`; the checkpoint was trained with pix2pix's default `ngf = 64`, so the first encoder kernel is `(4, 4, 3, 64)` where the layer holds `(4, 4, 3, 32)`.

Source: https://github.com/zaidalyafeai/ml-projects/issues/20
Shape: helper, loop, layers-index, list, functional, file
Target: keras3
Runtime: raises ValueError: weight shape (4, 4, 3, 32) is not compatible with provided weight shape (4, 4, 3, 64)
"""

import os
import shutil
import tempfile

import numpy as np
from keras.layers import Activation, BatchNormalization, Concatenate, Conv2D, Conv2DTranspose, Input, LeakyReLU
from keras.models import Model

dirpath = tempfile.mkdtemp()


def export_checkpoint(ngf=64, in_channels=3):
    """What the TF side leaves behind: generator variables in creation order, one file each."""
    shapes = [(4, 4, in_channels, ngf), (ngf,)]
    channels = ngf
    for out_channels in (ngf * 2, ngf * 4):
        shapes += [(4, 4, channels, out_channels), (out_channels,)]
        shapes += [(out_channels,)] * 4
        channels = out_channels
    for idx, shape in enumerate(shapes):
        np.save(os.path.join(dirpath, f"{idx}.npy"), np.random.rand(*shape).astype("float32"))
    return len(shapes)


def gen_conv(x, out_channels):
    return Conv2D(filters=out_channels, kernel_size=4, strides=(2, 2), padding="same")(x)


def gen_deconv(x, out_channels):
    return Conv2DTranspose(out_channels, kernel_size=4, strides=(2, 2), padding="same")(x)


def generator():
    ngf = 32
    inputs = Input(shape=[64, 64, 3])
    layers = [gen_conv(inputs, ngf)]
    for out_channels in (ngf * 2, ngf * 4):
        x = LeakyReLU(negative_slope=0.2)(layers[-1])
        x = gen_conv(x, out_channels)
        x = BatchNormalization(axis=3)(x)
        layers.append(x)
    x = Activation("relu")(layers[-1])
    x = gen_deconv(x, ngf * 2)
    x = Concatenate(axis=3)([x, layers[-2]])
    x = gen_deconv(x, 3)
    return Model(inputs=inputs, outputs=Activation("tanh")(x))


count = export_checkpoint()
model = generator()

weights = []
for i in range(0, count):
    weights.append(np.load(os.path.join(dirpath, f"{i}.npy")))

idx = 0
try:
    for layer in model.layers[1:]:
        if "conv2d" in layer.name and idx < count:
            W = weights[idx]
            b = weights[idx + 1]
            layer.set_weights([W, b])  # expect: TFV102
            idx += 2
        elif "batch" in layer.name:
            layer.set_weights(weights[idx : idx + 4])
            idx += 4
finally:
    shutil.rmtree(dirpath)
print("weights loaded")
