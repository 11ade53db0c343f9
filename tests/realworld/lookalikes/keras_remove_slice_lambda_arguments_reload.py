"""The answer in keras#8599: a `remove_slice(tensor, index)` helper drops one channel with two slicing `Lambda`s that take the index through `arguments={'i': index}` instead of reading it from the enclosing function, so the saved model loads back and predicts as before.

Source: https://github.com/keras-team/keras/issues/8599
Shape: helper, loop, lambda, arguments, functional, save-load
Target: keras3
Runtime: runs
"""

import numpy as np
from keras.layers import Concatenate, Conv2D, GlobalAveragePooling2D, Input, Lambda
from keras.models import Model, load_model


def remove_slice(tensor, index, channels):
    lower_slices = Lambda(lambda x, i: x[:, :, :, :i], arguments={"i": index},
                          output_shape=(4, 4, index))(tensor)
    upper_slices = Lambda(lambda x, i: x[:, :, :, (i + 1):], arguments={"i": index},
                          output_shape=(4, 4, channels - index - 1))(tensor)
    return Concatenate(name="slice_" + str(index))([lower_slices, upper_slices])


def build(channels=3):
    inp = Input((4, 4, channels))
    branches = []
    for index in range(1, channels):
        x = remove_slice(inp, index, channels)
        x = Conv2D(2, 3, padding="same")(x)
        branches.append(GlobalAveragePooling2D()(x))
    return Model(inp, Concatenate()(branches))


model = build()
model.save("remove_slice.keras")
restored = load_model("remove_slice.keras", safe_mode=False)
x = np.random.default_rng(0).random((2, 4, 4, 3)).astype("float32")
np.testing.assert_allclose(model.predict(x, verbose=0), restored.predict(x, verbose=0), rtol=1e-5)
