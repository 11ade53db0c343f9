# A subclass of a built-in layer rebinding the built-in's weight attribute on `self`: Keras 3's `Dense.kernel` and
# `Conv2D.kernel` are properties without a setter, so the store raises (a projected kernel in `call()`, as
# larq-style quantizers did under tf.keras). No fix: `assign` in `call()` would overwrite the trained kernel.
import numpy as np
import keras


def projection(x):
    return 2 * x


class ProjectedDense(keras.layers.Dense):
    def call(self, inputs):
        original_kernel = self.kernel
        self.kernel = projection(self.kernel)  # expect: TFV105
        outputs = super().call(inputs)
        self.kernel = original_kernel
        return outputs


class ScaledConv(keras.layers.Conv2D):
    def call(self, inputs):
        self.kernel = self.kernel * 0.5  # expect: TFV105
        return super().call(inputs)


def case_projected_dense():
    return list(ProjectedDense(2)(np.ones((1, 3), "float32")).shape)


def case_scaled_conv():
    return list(ScaledConv(2, 1)(np.ones((1, 3, 3, 1), "float32")).shape)
