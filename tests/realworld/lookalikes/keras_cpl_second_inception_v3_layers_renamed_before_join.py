"""The fix suggested for two InceptionV3 backbones in one model: every layer of the second backbone is renamed with a suffix before the two output tensors are joined, so no inner name (`mixed0`...) is held twice.

Source: https://github.com/keras-team/keras/issues/7412
Shape: functional, helper, applications, loop, siamese
Target: keras3
Runtime: runs
"""

from tensorflow import keras
from tensorflow.keras.applications.inception_v3 import InceptionV3
from tensorflow.keras.layers import Concatenate, Dense, GlobalAveragePooling2D


def backbone(input_shape, suffix=""):
    base_model = InceptionV3(include_top=False, weights=None, input_shape=input_shape)
    if suffix:
        for layer in base_model.layers:
            layer.name = layer.name + suffix
    x = GlobalAveragePooling2D()(base_model.output)
    return base_model.input, x


input_a, features_a = backbone((75, 75, 3))
input_b, features_b = backbone((75, 75, 3), suffix="_2")
merged = Concatenate()([features_a, features_b])
predictions = Dense(2, activation="softmax")(merged)
model = keras.Model(inputs=[input_a, input_b], outputs=predictions)
print(len(model.layers))
