"""A pruning-ready TimeDistributed subclass returns `self.kernel`; the kernel belongs to the wrapped layer (`self.layer.kernel`).

Source: https://github.com/tensorflow/model-optimization/issues/39
Shape: subclassed, parameter, sequential, class-attribute
Target: keras3
Runtime: raises AttributeError: 'PrunableTimeDistributed' object has no attribute 'kernel'
"""

import keras


class PrunableTimeDistributed(keras.layers.TimeDistributed):
    """What tfmot's PrunableLayer asks for: the list of weights the pruning wrapper may mask."""

    def get_prunable_weights(self):
        return [self.kernel]  # expect: TFV103


model = keras.Sequential([
    keras.Input((4, 3)),
    PrunableTimeDistributed(keras.layers.Dense(2)),
    keras.layers.Flatten(),
    keras.layers.Dense(1),
])
for layer in model.layers:
    if hasattr(layer, "get_prunable_weights"):
        print([w.shape for w in layer.get_prunable_weights()])
