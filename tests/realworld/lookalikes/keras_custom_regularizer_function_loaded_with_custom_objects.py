"""A convolution model penalises near-duplicate filters with a module-level regularizer function; the saved `.keras` file is loaded back with that function in `custom_objects`, which Keras 3 resolves.

Source: https://github.com/keras-team/keras/issues/6744
Shape: function-initializer, save-load, sequential, custom-object
Target: keras3
Runtime: runs
"""

import numpy as np
import keras
from keras import ops


def same_conv_filter_penalizer_2MSE(weight_matrix):
    flat = ops.reshape(weight_matrix, (-1, weight_matrix.shape[-1]))
    gram = ops.matmul(ops.transpose(flat), flat)
    return 0.01 * ops.mean(ops.square(gram - ops.eye(weight_matrix.shape[-1])))


model = keras.Sequential([
    keras.Input((8, 8, 1)),
    keras.layers.Conv2D(4, 3, kernel_regularizer=same_conv_filter_penalizer_2MSE),
    keras.layers.Flatten(),
    keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")
model.fit(np.ones((4, 8, 8, 1)), np.ones((4, 1)), verbose=0)
model.save("m_weights.54-0.04.keras")

model = keras.models.load_model(
    "m_weights.54-0.04.keras", custom_objects={"same_conv_filter_penalizer_2MSE": same_conv_filter_penalizer_2MSE}
)
print(model.layers[0].kernel_regularizer.__name__)
