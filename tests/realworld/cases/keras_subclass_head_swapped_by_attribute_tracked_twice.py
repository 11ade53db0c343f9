"""A subclassed image model makes its `stem` and a 10-class `head` in `__init__`; to fine-tune for 100 classes the script swaps the head by assigning a new `Dense(100)` to `model.head` before the first call. Keras 3 tracks sublayers append-only, so the model now holds both heads (`model.layers` lists `head` twice, the first never built) and its config still says `num_classes=10`; training works, but the `.keras` file lists the never-built old head with no variables in the model's layers and loading fails on it.

Source: https://github.com/keras-team/keras/issues/19268
Shape: subclassed, attribute-rebind, sublayer-swap, fit, save-load
Target: keras3
Runtime: raises ValueError: Layer 'head' expected 2 variables, but received 0 variables during loading
"""

import numpy as np
import keras


class CustomModel(keras.Model):
    def __init__(self, num_classes=10, **kwargs):
        super().__init__(**kwargs)
        self.num_classes = num_classes
        self.stem = keras.layers.Conv2D(8, 3, strides=2, padding="same", name="stem")
        self.flatten = keras.layers.Flatten()
        self.head = keras.layers.Dense(num_classes, name="head")

    def call(self, inputs):
        x = self.stem(inputs)
        x = self.flatten(x)
        return self.head(x)


images = np.random.rand(16, 16, 16, 3).astype("float32")
labels = np.random.randint(0, 100, 16)

model = CustomModel()
model.head = keras.layers.Dense(100, name="head")  # expect: TFV106
print([layer.name for layer in model.layers])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(images, labels, epochs=1, verbose=0)
model.save("swapped.keras")
restored = keras.models.load_model("swapped.keras", custom_objects={"CustomModel": CustomModel})
