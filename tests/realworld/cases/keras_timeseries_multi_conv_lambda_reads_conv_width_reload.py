"""The time-series tutorial's multi-step CNN starts with `Lambda(lambda x: x[:, -CONV_WIDTH:, :])`, where `CONV_WIDTH` is a module-level number; a helper trains it, the model is saved to `.keras` and loaded back with `safe_mode=False`, and the loaded model's first prediction cannot find `CONV_WIDTH` (Keras 3 rebuilds the lambda without the program's globals).

Source: https://github.com/keras-team/keras/issues/20074
Shape: sequential, lambda, module-global, helper, save-load
Target: keras3
Runtime: raises NameError: name 'CONV_WIDTH' is not defined
"""

import numpy as np
import tensorflow as tf
import keras

MAX_EPOCHS = 1
OUT_STEPS = 4
CONV_WIDTH = 3
num_features = 2


def make_windows(n=16, input_width=8):
    rng = np.random.default_rng(0)
    inputs = rng.normal(size=(n, input_width, num_features)).astype("float32")
    labels = rng.normal(size=(n, OUT_STEPS, num_features)).astype("float32")
    return inputs, labels


def compile_and_fit(model, window, patience=2):
    early_stopping = keras.callbacks.EarlyStopping(monitor="loss", patience=patience, mode="min")
    model.compile(loss=keras.losses.MeanSquaredError(), optimizer=keras.optimizers.Adam(),
                  metrics=[keras.metrics.MeanAbsoluteError()])
    inputs, labels = window
    return model.fit(inputs, labels, epochs=MAX_EPOCHS, batch_size=8, callbacks=[early_stopping], verbose=0)


multi_conv_model = keras.Sequential([
    keras.layers.Lambda(lambda x: x[:, -CONV_WIDTH:, :]),  # expect: TFV202
    keras.layers.Conv1D(16, activation="relu", kernel_size=(CONV_WIDTH)),
    keras.layers.Dense(OUT_STEPS * num_features, kernel_initializer=tf.initializers.zeros()),
    keras.layers.Reshape([OUT_STEPS, num_features]),
])

multi_window = make_windows()
history = compile_and_fit(multi_conv_model, multi_window)
multi_conv_model.save("multi_conv_model.keras")

revived = keras.models.load_model("multi_conv_model.keras", safe_mode=False)
print(revived.predict(multi_window[0][:2], verbose=0).shape)
