"""A two-branch model calls the same application constructor twice; both sub-models carry its fixed name.

Source: https://github.com/keras-team/keras/issues/19689
Shape: helper, functional, parameter
Target: keras3
Runtime: raises ValueError: is used 2 times in the model
"""

import keras


def backbone(input_shape):
    return keras.applications.MobileNetV3Small(
        input_shape=input_shape, include_top=False, weights=None, include_preprocessing=False
    )


image_a = keras.Input((32, 32, 3))
image_b = keras.Input((32, 32, 3))
features_a = keras.layers.GlobalAveragePooling2D()(backbone((32, 32, 3))(image_a))
features_b = keras.layers.GlobalAveragePooling2D()(backbone((32, 32, 3))(image_b))  # expect: TFV104
merged = keras.layers.Concatenate()([features_a, features_b])
model = keras.Model([image_a, image_b], keras.layers.Dense(1)(merged))
print(model.count_params())
