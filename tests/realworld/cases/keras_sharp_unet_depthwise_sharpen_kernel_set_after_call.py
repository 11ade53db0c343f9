"""Sharp U-Net puts a frozen sharpening filter on each skip connection: a helper repeats a fixed 3x3 kernel over the feature's channels, a `DepthwiseConv2D` is called on the feature and only then given that kernel with `set_weights([W])`; the filter lives only in that statement, so `keras.models.clone_model(model)` (a second replica for an ensemble) has random skip filters.

Source: https://github.com/hasibzunair/sharp-unets/issues/2
Shape: helper, functional, loop, nested-helper, set-weights-after-call
Target: keras3
Runtime: silent: the replica's skip-connection DepthwiseConv2D holds a random kernel, not the sharpening filter
"""

import numpy as np
import keras
from keras.layers import Conv2D, DepthwiseConv2D, Input, MaxPooling2D, UpSampling2D, concatenate


def get_kernel():
    k1 = np.array([[0.0625, 0.125, 0.0625], [0.125, 0.25, 0.125], [0.0625, 0.125, 0.0625]])
    k2 = np.array([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]])
    k3 = np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]])
    return k1, k2, k3


def build_sharp_blocks(layer):
    in_channels = layer.shape[-1]
    _, w, _ = get_kernel()
    w = np.expand_dims(w, axis=-1)
    w = np.repeat(w, in_channels, axis=-1)
    w = np.expand_dims(w, axis=-1)
    return w


def sharp_skip(feature, kernel_size=3):
    w1 = build_sharp_blocks(feature)
    sb = DepthwiseConv2D(kernel_size, use_bias=False, padding="same")
    out = sb(feature)
    sb.set_weights([w1])  # expect: TFV201
    sb.trainable = False
    return out


def sharp_unet(img_size=(16, 16, 1), filters=(4, 8)):
    inputs = Input(img_size)
    skips = []
    x = inputs
    for f in filters:
        x = Conv2D(f, 3, activation="relu", padding="same")(x)
        skips.append(x)
        x = MaxPooling2D(2)(x)
    x = Conv2D(filters[-1] * 2, 3, activation="relu", padding="same")(x)
    for f, skip in zip(reversed(filters), reversed(skips)):
        x = UpSampling2D(2)(x)
        x = concatenate([x, sharp_skip(skip)])
        x = Conv2D(f, 3, activation="relu", padding="same")(x)
    outputs = Conv2D(1, 1, activation="sigmoid")(x)
    return keras.Model(inputs, outputs)


model = sharp_unet()
model.compile(optimizer="adam", loss="binary_crossentropy")
replica = keras.models.clone_model(model)

# --- probe ---
expected = build_sharp_blocks(np.zeros((1, 4)))
depthwise = [layer for layer in replica.layers if isinstance(layer, DepthwiseConv2D)]
kernel = depthwise[-1].get_weights()[0]
print("TFVARFIX-BUG" if not np.allclose(kernel, expected) else "TFVARFIX-OK")
