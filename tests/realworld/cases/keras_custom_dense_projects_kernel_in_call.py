"""A quantization library's `CustomDense(keras.layers.Dense)` projects its kernel in `call()` by rebinding the weight attribute, `self.kernel = projection(self.kernel)`, and puts the variable back after `super().call()`: in Keras 3 `Dense.kernel` is a read-only property, so the first call raises (storing the layer's own variable back, the second store, is accepted: measured, `self.kernel = self.kernel` runs).

Source: https://github.com/tensorflow/tensorflow/issues/32210
Shape: subclassed-layer, custom-layer, method, helper, sequential, fit
Target: keras3
Runtime: raises AttributeError: property 'kernel' of 'CustomDense' object has no setter
"""

import numpy as np
from tensorflow import keras


# For our use case this would be a quantizer with a custom gradient
def projection(x):
    return 2 * x


class CustomDense(keras.layers.Dense):
    def call(self, inputs):
        original_kernel = self.kernel
        self.kernel = projection(self.kernel)  # expect: TFV105
        outputs = super().call(inputs)
        self.kernel = original_kernel
        return outputs


model = keras.Sequential([keras.Input((3,)), CustomDense(3)])
model.compile("sgd", "mse")
model.fit(np.ones((4, 3)), np.ones((4, 3)), verbose=0)
print(model.predict(np.ones((1, 3)), verbose=0))
