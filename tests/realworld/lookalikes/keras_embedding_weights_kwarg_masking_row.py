"""Pre-set embedding vectors are given to a Keras 3 `Embedding` through its own `weights=[matrix]` argument (a zero masking row and a row of ones), the documented way: the layer writes them when it builds, and it is used directly (no config round trip).

Source: https://github.com/keras-team/keras/issues/853
Shape: sequential, module
Target: keras3
Runtime: runs
"""

import numpy as np
import keras
from keras.layers import Dense, Embedding, GlobalAveragePooling1D
from keras.models import Sequential

weights = np.concatenate([np.zeros((1, 100)), np.ones((1, 100))]).astype("float32")
model = Sequential()
model.add(keras.Input((3,), dtype="int32"))
model.add(Embedding(2, 100, weights=[weights], mask_zero=True))
model.add(GlobalAveragePooling1D())
model.add(Dense(1))
model.compile(optimizer="adam", loss="mse")
np.testing.assert_allclose(model.layers[0].get_weights()[0], weights)
print(model.predict(np.array([[1, 1, 0]]), verbose=0))
