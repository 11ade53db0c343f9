"""Custom weight penalties kept in their own module (the report imports them as `sac`)."""

import keras
from keras import ops


class same_conv_filter_penalizer_2MSE(keras.regularizers.Regularizer):  # expect: TFV202
    """Penalises filters of one conv kernel for being far from their mean filter."""

    def __init__(self, alpha):
        self.alpha = alpha

    def __call__(self, kernel):
        mean_filter = ops.mean(kernel, axis=-1, keepdims=True)
        return self.alpha * 2.0 * ops.mean(ops.square(kernel - mean_filter))
