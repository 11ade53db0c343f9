"""A classifier trained on top of one InceptionV3: its output goes through pooling and two new dense layers, and the model is built from the backbone's own `input` and the new head's output; one backbone, so every inner name is held once.

Source: https://github.com/albermax/innvestigate/issues/130
Shape: functional, applications, module
Target: keras3
Runtime: runs
"""

from tensorflow.keras.applications.inception_v3 import InceptionV3
from tensorflow.keras.layers import Dense, Dropout, GlobalAveragePooling2D
from tensorflow.keras.models import Model

nbr_classes = 3
base_model = InceptionV3(include_top=False, weights=None, input_shape=(75, 75, 3))
x = base_model.output
x = GlobalAveragePooling2D()(x)
x = Dense(16, activation="relu")(x)
x = Dropout(0.2)(x)
predictions = Dense(nbr_classes, activation="softmax")(x)
model = Model(inputs=base_model.input, outputs=predictions)
model.compile(optimizer="adam", loss="categorical_crossentropy")
print(len(model.layers))
