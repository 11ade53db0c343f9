"""A pairwise classifier builds one InceptionV3 backbone per input image and joins their output tensors in one functional model; both backbones name their blocks `mixed0`, `mixed1`, ..., so the joined model holds each name twice.

Source: https://github.com/thanif/CPL/issues/4
Shape: functional, helper, applications, siamese
Target: keras3
Runtime: raises ValueError: The name "
"""

from tensorflow import keras
from tensorflow.keras.applications.inception_v3 import InceptionV3
from tensorflow.keras.layers import Concatenate, Dense, GlobalAveragePooling2D


def backbone(input_shape):
    base_model = InceptionV3(include_top=False, weights=None, input_shape=input_shape)
    x = GlobalAveragePooling2D()(base_model.output)
    return base_model.input, x


input_a, features_a = backbone((75, 75, 3))
input_b, features_b = backbone((75, 75, 3))  # expect: TFV104
merged = Concatenate()([features_a, features_b])
predictions = Dense(2, activation="softmax")(merged)
model = keras.Model(inputs=[input_a, input_b], outputs=predictions)
print(len(model.layers))
