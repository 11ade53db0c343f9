"""A hand-made kernel is given to a `Dense` layer through `weights=[hardcodedWeights]`: a `Dense` with a bias holds two weights (kernel, bias), so the one-array list cannot be written when the model builds the layer.

Source: https://github.com/keras-team/keras/issues/1671
Shape: sequential, module
Target: tf_keras
Runtime: raises ValueError: but the layer was expecting 2 weights
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
from tf_keras.layers import Dense
from tf_keras.models import Sequential

hardcodedWeights = np.array([[1, 2, 3], [4, 5, 6]], dtype="float32")
model = Sequential()
model.add(Dense(3, input_dim=2, weights=[hardcodedWeights]))  # expect: TFV102
model.compile(optimizer="sgd", loss="mse")
print(model.predict(np.ones((1, 2)), verbose=0))
