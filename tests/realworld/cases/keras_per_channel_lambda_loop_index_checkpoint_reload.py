"""A per-channel regression net slices each image channel with `Lambda(lambda x: x[:, :, :, i:i + 1])` in a module-level `for i in range(Nchannels)` loop, runs a small conv tower on each slice and concatenates them; a `ModelCheckpoint` saves the best model, and the model loaded from it cannot find the loop index `i` (a global of the program, which Keras 3 does not save with the lambda).

Source: https://github.com/keras-team/keras/issues/9467
Shape: functional, loop, lambda, module-global, checkpoint, save-load
Target: keras3
Runtime: raises NameError: name 'i' is not defined
"""

import os

import numpy as np
import keras
from keras.callbacks import ModelCheckpoint
from keras.layers import Concatenate, Conv2D, Dense, Flatten, Input, Lambda, MaxPooling2D
from keras.models import Model

network_name = "test_this_bug"
rng = np.random.default_rng(10)
x_train = rng.random((16, 8, 8, 3)).astype("float32")
y_train = rng.random((16, 1)).astype("float32")
Nchannels = x_train.shape[3]
img_rows, img_cols = x_train.shape[1], x_train.shape[2]

main_input = Input(shape=(img_rows, img_cols, Nchannels))
channels = []
for i in range(Nchannels):
    x = Lambda(lambda x: x[:, :, :, i:i + 1], output_shape=(img_rows, img_cols, 1))(main_input)  # expect: TFV202
    x = Conv2D(4, (3, 3), padding="same", activation="relu")(x)
    x = MaxPooling2D(pool_size=(2, 2))(x)
    channels.append(Flatten()(x))

x = Concatenate()(channels)
x = Dense(8, activation="relu")(x)
main_output = Dense(1)(x)
model = Model(inputs=main_input, outputs=main_output)
model.compile(loss="mse", optimizer="adam")

checkpoint_path = os.path.join(os.getcwd(), network_name + "_best.keras")
checkpoint = ModelCheckpoint(checkpoint_path, monitor="loss", save_best_only=True)
model.fit(x_train, y_train, batch_size=8, epochs=1, callbacks=[checkpoint], verbose=0)

model = keras.models.load_model(checkpoint_path, safe_mode=False)
print(model.predict(x_train[:2], verbose=0).ravel())
