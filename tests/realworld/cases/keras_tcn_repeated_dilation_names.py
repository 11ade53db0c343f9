"""A residual-block helper names its layers after the dilation rate, so a dilation list with repeats gives duplicate names.

Source: https://github.com/philipperemy/keras-tcn/issues/39
Shape: helper, loop, functional, parameter
Target: keras3
Runtime: raises ValueError: is used 2 times in the model
"""

import keras


def residual_block(x, dilation_rate, nb_filters, kernel_size):
    original_x = x
    conv = keras.layers.Conv1D(
        filters=nb_filters,
        kernel_size=kernel_size,
        dilation_rate=dilation_rate,
        padding="causal",
        name=f"d_causal_conv_{dilation_rate}_tanh",  # expect: TFV104
    )(x)
    x = keras.layers.Activation("tanh")(conv)
    x = keras.layers.Conv1D(nb_filters, 1, padding="same")(x)
    return keras.layers.add([original_x, x]), x


def build_tcn(dilations=(1, 1, 2, 4), nb_filters=4, kernel_size=2):
    inputs = keras.Input((16, nb_filters))
    x = inputs
    skips = []
    for d in dilations:
        x, skip = residual_block(x, d, nb_filters, kernel_size)
        skips.append(skip)
    x = keras.layers.add(skips)
    outputs = keras.layers.Dense(1)(keras.layers.Lambda(lambda t: t[:, -1, :])(x))
    return keras.Model(inputs, outputs)


model = build_tcn()
model.summary()
