# Sharing a built layer's weights with a fresh, unbuilt one by rebinding its attributes (decomon#141).
import numpy as np
import keras


def share_kernel(original, copy):
    copy.kernel = original.kernel  # expect: TFV105


def share_bias(original, copy):
    copy.bias = original.bias  # expect: TFV105
    return copy


def trained():
    layer = keras.layers.Dense(4)
    layer(np.ones((1, 3), "float32"))
    return layer


def case_kernel_property():
    share_kernel(trained(), keras.layers.Dense(4))


def case_bias_replaced_at_build():
    original = trained()
    copy = share_bias(original, keras.layers.Dense(4))
    copy(np.ones((1, 3), "float32"))
    return copy.bias is original.bias
