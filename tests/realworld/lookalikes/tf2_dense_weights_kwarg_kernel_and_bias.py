"""The accepted answer's form: a hand-made kernel is given to `Dense` through `weights=[kernel, bias]`, one array per weight the layer holds, in `get_weights()` order, so the model builds with those values.

Source: https://github.com/keras-team/keras/issues/1671
Shape: sequential, module
Target: tf_keras
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
from tf_keras.layers import Dense
from tf_keras.models import Sequential

hardcodedWeights = np.array([[1, 2, 3], [4, 5, 6]], dtype="float32")
model = Sequential()
model.add(Dense(3, input_dim=2, weights=[hardcodedWeights, np.zeros(3, dtype="float32")]))
model.compile(optimizer="sgd", loss="mse")
np.testing.assert_allclose(model.layers[0].get_weights()[0], hardcodedWeights)
print(model.predict(np.ones((1, 2)), verbose=0))
