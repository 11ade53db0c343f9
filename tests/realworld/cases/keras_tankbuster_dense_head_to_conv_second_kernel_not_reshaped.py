"""A tank classifier's trained `Flatten -> Dense(512) -> Dense(3)` head is turned into convolutions for sliding-window heatmaps (`fc1` becomes a conv as wide as the feature map, `fc2` a 1x1 conv) and the trained values are copied by layer name; the helper reshapes only `fc1`'s kernel, so `fc2` gets the dense `(512, 3)` matrix where its 1x1 conv kernel is `(1, 1, 512, 3)`.

Source: https://github.com/heuritech/convnets-keras/issues/1
Shape: helper, parameter, loop, get-layer, functional, sequential
Target: keras3
Runtime: raises ValueError: weight shape (1, 1, 512, 3) is not compatible with provided weight shape (512, 3)
"""

import numpy as np
import keras
from keras import layers


def features(inputs):
    x = layers.Conv2D(16, 3, activation="relu", name="conv1")(inputs)
    x = layers.MaxPooling2D(name="pool1")(x)
    x = layers.Conv2D(32, 3, activation="relu", name="conv2")(x)
    return layers.MaxPooling2D(name="pool2")(x)


def patch_classifier(size=32):
    inputs = keras.Input((size, size, 3))
    x = layers.Flatten()(features(inputs))
    x = layers.Dense(512, activation="relu", name="fc1")(x)
    return keras.Model(inputs, layers.Dense(3, activation="softmax", name="fc2")(x))


def heatmap_net(feature_size):
    inputs = keras.Input((None, None, 3))
    x = layers.Conv2D(512, feature_size, activation="relu", name="fc1")(features(inputs))
    return keras.Model(inputs, layers.Conv2D(3, 1, activation="softmax", name="fc2")(x))


def copy_weights(trained, convnet):
    fmap = trained.get_layer("pool2").output.shape[1:]
    for layer in convnet.layers:
        w = trained.get_layer(layer.name).get_weights() if layer.weights else []
        if layer.name == "fc1":
            kernel, bias = w
            w = [kernel.reshape((fmap[0], fmap[1], fmap[2], 512)), bias]
        if layer.name == "fc2":
            kernel, bias = w
            layer.set_weights([kernel, bias])  # expect: TFV102
        elif w:
            layer.set_weights(w)


trained = patch_classifier()
fmap_size = trained.get_layer("pool2").output.shape[1]
convnet = heatmap_net(fmap_size)
copy_weights(trained, convnet)
print(convnet.predict(np.zeros((1, 64, 64, 3), "float32"), verbose=0).shape)
