"""The keras-tcn fix: the residual block's layer names carry the block index as well as the dilation, so repeats are distinct.

Source: https://github.com/philipperemy/keras-tcn/pull/40
Shape: helper, loop, functional, parameter
Target: keras3
Runtime: runs
"""

import keras


def residual_block(x, block_index, dilation_rate, nb_filters, kernel_size):
    original_x = x
    conv = keras.layers.Conv1D(
        filters=nb_filters,
        kernel_size=kernel_size,
        dilation_rate=dilation_rate,
        padding="causal",
        name=f"d_causal_conv_{block_index}_{dilation_rate}_tanh",
    )(x)
    x = keras.layers.Conv1D(nb_filters, 1, padding="same")(keras.layers.Activation("tanh")(conv))
    return keras.layers.add([original_x, x])


def build_tcn(dilations=(1, 1, 2, 4), nb_filters=4, kernel_size=2):
    inputs = keras.Input((16, nb_filters))
    x = inputs
    for i, d in enumerate(dilations):
        x = residual_block(x, i, d, nb_filters, kernel_size)
    return keras.Model(inputs, keras.layers.GlobalAveragePooling1D()(x))


print(build_tcn().count_params())
