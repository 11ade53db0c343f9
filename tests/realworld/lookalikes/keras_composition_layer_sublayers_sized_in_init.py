"""A composition layer sizes its two Dense sublayers from the input shape it is given as an argument and makes them in `__init__` (the maintainers' answer to a Keras 2 → 3 port whose custom layers hid their weights), with `compute_output_shape`; the functional model lists all four weights and training updates them.

Source: https://github.com/keras-team/keras/issues/20004
Shape: custom-layer, composition, parameter, functional, fit
Target: keras3
Runtime: runs
"""

import numpy as np
from keras import layers, models


class MyCompositionLayer(layers.Layer):
    def __init__(self, input_shape, **kwargs):
        super().__init__(**kwargs)
        self.fc1 = layers.Dense(int(input_shape[-1] * 4), name="fc1")
        self.fc2 = layers.Dense(input_shape[-1], name="fc2")

    def call(self, inputs):
        outputs = self.fc1(inputs)
        outputs = self.fc2(outputs)
        return outputs

    def compute_output_shape(self, input_shape):
        return input_shape


x = layers.Input(shape=(None, 4), dtype="float32")
y = MyCompositionLayer(x.shape)(x)
m = models.Model(x, y)
print("Number of weights:", len(m.weights))
assert len(m.weights) == 4, [w.path for w in m.weights]

m.compile(optimizer="adam", loss="mse")
before = [w.numpy().copy() for w in m.trainable_weights]
data = np.random.rand(8, 3, 4).astype("float32")
m.fit(data, data, epochs=2, verbose=0)
changed = [not np.array_equal(b, w.numpy()) for b, w in zip(before, m.trainable_weights)]
assert all(changed), changed
