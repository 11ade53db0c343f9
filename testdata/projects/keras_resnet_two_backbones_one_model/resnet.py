"""A small residual backbone in the style of keras-resnet: fixed layer names ("conv1", "bn_conv1") and names built
from the stage and block ("res2a_branch2a")."""

import keras


def bottleneck(x, filters, stage, block):
    base = f"res{stage}{block}"
    y = keras.layers.Conv2D(filters, 1, name=f"{base}_branch2a")(x)
    y = keras.layers.BatchNormalization(name=f"bn{stage}{block}_branch2a")(y)
    y = keras.layers.Activation("relu", name=f"{base}_branch2a_relu")(y)
    y = keras.layers.Conv2D(filters, 3, padding="same", name=f"{base}_branch2b")(y)
    return keras.layers.Add(name=base)([x, y])


def ResNet(inputs, blocks=(1, 1), filters=8):
    x = keras.layers.Conv2D(filters, 3, padding="same", name="conv1")(inputs)
    x = keras.layers.BatchNormalization(name="bn_conv1")(x)
    for stage_id, count in enumerate(blocks):
        for block_id in range(count):
            x = bottleneck(x, filters, stage_id + 2, "abc"[block_id])
    x = keras.layers.GlobalAveragePooling2D(name="pool5")(x)
    return keras.Model(inputs, x)
