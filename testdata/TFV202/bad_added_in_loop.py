# A custom layer class added in a loop (`for _ in range(20): model.add(...)`) to a Sequential that a ModelCheckpoint
# saves and the module loads back without `custom_objects`: the merged items of the model hold it (Keras 3.15:
# `TypeError: Could not locate class 'MCAlphaDropout'`).
import numpy as np
from tensorflow import keras
class MCAlphaDropout(keras.layers.AlphaDropout):  # expect: TFV202
    def call(self, inputs):
        return super().call(inputs, training=True)
X = np.random.rand(16, 8).astype("float32"); y = np.random.randint(0, 10, size=(16,))
model = keras.models.Sequential()
model.add(keras.Input(shape=[8]))
for _ in range(20):
    model.add(keras.layers.Dense(16, activation="selu"))
    model.add(MCAlphaDropout(0.1))
model.add(keras.layers.Dense(10, activation="softmax"))
model.compile(loss="sparse_categorical_crossentropy", optimizer="nadam")
cb = keras.callbacks.ModelCheckpoint("m.keras")
model.fit(X, y, epochs=1, callbacks=[cb], verbose=0)
model = keras.models.load_model("m.keras")
