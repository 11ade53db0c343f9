"""The Keras maintainers' `replace(parent, name, replacement)` helper for swapping a built model's sublayer (as LoRA/PEFT code does): it unlocks the layer's tracker, rebinds the attribute and puts the replacement in the old layer's slot of `parent._layers`, then relocks, so the model tracks exactly one head; the swapped model trains, and its weights file round-trips into a second model swapped the same way.

Source: https://github.com/keras-team/keras/issues/18601
Shape: subclassed, helper, sublayer-swap, private-tracker, fit, save-weights
Target: keras3
Runtime: runs
"""

import os
import tempfile

import numpy as np
import keras


def replace(parent, name, replacement):
    locked = parent._tracker.locked
    parent._tracker.locked = False
    target = getattr(parent, name)
    setattr(parent, name, replacement)
    parent._layers[parent._layers.index(target)] = replacement
    parent._tracker.locked = locked


class Classifier(keras.Model):
    def __init__(self, num_classes=4, **kwargs):
        super().__init__(**kwargs)
        self.body = keras.layers.Dense(16, activation="relu", name="body")
        self.head = keras.layers.Dense(num_classes, name="head")

    def call(self, inputs):
        return self.head(self.body(inputs))


def swapped_model(x):
    model = Classifier()
    model(x)
    head = keras.layers.Dense(4, activation="softmax", name="head")
    head.build((None, 16))
    replace(model, "head", head)
    return model


x = np.random.rand(16, 8).astype("float32")
y = np.random.randint(0, 4, 16)
model = swapped_model(x)
assert [layer.name for layer in model.layers] == ["body", "head"], model.layers
assert len(model.trainable_weights) == 4

model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
before = model.head.kernel.numpy().copy()
model.fit(x, y, epochs=2, verbose=0)
assert not np.array_equal(before, model.head.kernel.numpy())

path = os.path.join(tempfile.mkdtemp(), "swapped.weights.h5")
model.save_weights(path)
other = swapped_model(x)
other.load_weights(path)
np.testing.assert_allclose(other.predict(x, verbose=0), model.predict(x, verbose=0), rtol=1e-5, atol=1e-6)
