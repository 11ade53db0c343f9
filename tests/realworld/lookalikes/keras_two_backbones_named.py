"""Two application backbones in one model, each given its own name= (the argument the issue asked for).

Source: https://github.com/keras-team/keras/issues/19689
Shape: helper, parameter, functional, builder-called-twice
Target: keras3
Runtime: runs
"""

import keras


def backbone(input_shape, name):
    return keras.applications.MobileNetV3Small(
        input_shape=input_shape, include_top=False, weights=None, include_preprocessing=False, name=name
    )


image_a = keras.Input((32, 32, 3))
image_b = keras.Input((32, 32, 3))
features_a = keras.layers.GlobalAveragePooling2D()(backbone((32, 32, 3), "backbone_a")(image_a))
features_b = keras.layers.GlobalAveragePooling2D()(backbone((32, 32, 3), "backbone_b")(image_b))
model = keras.Model([image_a, image_b], keras.layers.Dense(1)(keras.layers.Concatenate()([features_a, features_b])))
print(model.count_params())
