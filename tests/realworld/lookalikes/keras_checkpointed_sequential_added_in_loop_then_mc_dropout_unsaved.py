"""Hands-On Machine Learning 2nd edition, chapter 11: a Sequential built with `model.add` in a loop (20 Dense layers) and an AlphaDropout is trained with a ModelCheckpoint and loaded back without `custom_objects`; then an MCAlphaDropout subclass (dropout kept at inference) replaces the AlphaDropout in a new Sequential of the same layers, used for Monte Carlo predictions and never saved. No saved file holds the custom class, so the load needs no `custom_objects`.

Source: https://github.com/ageron/handson-ml2/blob/master/11_training_deep_neural_networks.ipynb
Shape: notebook-like, sequential, layers added in a loop, ModelCheckpoint callback
Target: keras3
Runtime: runs
"""

import numpy as np
from tensorflow import keras

X_train = np.random.rand(64, 8, 8, 3).astype("float32")
y_train = np.random.randint(0, 10, size=(64,))

model = keras.models.Sequential()
model.add(keras.Input(shape=[8, 8, 3]))
model.add(keras.layers.Flatten())
for _ in range(20):
    model.add(keras.layers.Dense(16, kernel_initializer="lecun_normal", activation="selu"))
model.add(keras.layers.AlphaDropout(rate=0.1))
model.add(keras.layers.Dense(10, activation="softmax"))
model.compile(loss="sparse_categorical_crossentropy", optimizer="nadam", metrics=["accuracy"])
model_checkpoint_cb = keras.callbacks.ModelCheckpoint("my_cifar10_alpha_dropout_model.keras", save_best_only=True)
model.fit(X_train, y_train, epochs=1, validation_data=(X_train, y_train), callbacks=[model_checkpoint_cb], verbose=0)
model = keras.models.load_model("my_cifar10_alpha_dropout_model.keras")


class MCAlphaDropout(keras.layers.AlphaDropout):
    def call(self, inputs):
        return super().call(inputs, training=True)


mc_model = keras.models.Sequential([
    MCAlphaDropout(layer.rate) if isinstance(layer, keras.layers.AlphaDropout) else layer
    for layer in model.layers
])
y_probas = np.stack([mc_model.predict(X_train[:4], verbose=0) for sample in range(5)])
assert y_probas.shape == (5, 4, 10)
