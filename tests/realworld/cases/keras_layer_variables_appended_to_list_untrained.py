"""Comparing how Keras tracks state, a toy layer keeps one scale variable per feature group in a list that starts empty and is filled with `tf.Variable`s by `append` in `__init__`, next to sublayers appended the same way, and a model wraps it; under Keras 3 the appended `tf.Variable`s are not tracked at all (only the Dense sublayers are), so `fit` never updates the scales and `model.save` drops them (the reporter, tf.keras 2.9, saw this only for a Layer, not a Model; `add_weight` works in every case).

Source: https://github.com/keras-team/keras/issues/16797
Shape: custom-layer, subclassed, list-attribute, append, loop, fit
Target: keras3
Runtime: silent: the tf.Variables appended to the layer's list are not trainable weights, so fit leaves them unchanged
"""

import numpy as np
import tensorflow as tf
import keras


class GroupScale(keras.layers.Layer):
    def __init__(self, groups=3, units=4, **kwargs):
        super().__init__(**kwargs)
        self.groups = groups
        self.scales = []
        for g in range(groups):
            self.scales.append(tf.Variable(1.0, name=f"scale_{g}"))  # expect: TFV106
        self.projections = []
        for g in range(groups):
            self.projections.append(keras.layers.Dense(units))

    def call(self, inputs):
        outputs = [self.projections[g](inputs) * self.scales[g] for g in range(self.groups)]
        return tf.add_n(outputs)


class Wrapper(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.block = GroupScale()
        self.out = keras.layers.Dense(1)

    def call(self, inputs):
        return self.out(self.block(inputs))


model = Wrapper()
model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
x = np.random.rand(32, 5).astype("float32")
y = np.random.rand(32, 1).astype("float32")
model.fit(x, y, epochs=3, verbose=0)

names = [w.path for w in model.trainable_weights]
scales = [float(v.numpy()) for v in model.block.scales]
if all(s == 1.0 for s in scales):
    print("TFVARFIX-BUG: scales never trained:", scales, "tracked:", len(names), "weights")
