"""A filter-pruning tool rebuilds a small VGG with fewer filters in its first convolution and copies the weights layer by layer with `new_model.layers[i].set_weights(...)`: it slices the pruned layer's kernel and bias to the kept filters but copies the next convolution's kernel unchanged, whose input axis still has the old filter count.

Source: https://github.com/guoxiaolu/model_compression/issues/7
Shape: helper, loop, layers-index, sequential, parameter
Target: keras3
Runtime: raises ValueError: is not compatible with provided weight shape (3, 3, 8, 5)
"""

import keras
from keras import layers


def build_vgg(filters, num_classes=3):
    model = keras.Sequential([keras.Input((12, 12, 3))])
    for f in filters:
        model.add(layers.Conv2D(f, 3, padding="same", activation="relu"))
    model.add(layers.GlobalAveragePooling2D())
    model.add(layers.Dense(num_classes))
    return model


keep = 6
model = build_vgg([8, 5])
new_model = build_vgg([keep, 5])

for i, layer in enumerate(model.layers):
    weights = layer.get_weights()
    if i == 0:
        new_weight = [weights[0][:, :, :, :keep], weights[1][:keep]]
    else:
        new_weight = weights
    new_model.layers[i].set_weights(new_weight)  # expect: TFV102
