"""A camera-calibration network is trained with its focal-length classes on one grid (`np.arange(50, 501, 10)`, 46 classes) and checkpointed; the prediction script rebuilds the same two-head model with its own grid (`np.arange(40, 501, 10)`, 47 classes) and loads the checkpoint, whose `output_focal` kernel has one column fewer.

Source: https://github.com/alexvbogdan/DeepCalib/issues/37
Shape: two-scripts, module-constants, functional, multi-output, checkpoint-callback, load-weights
Target: keras3
Runtime: raises ValueError: A total of 1 objects could not be loaded
"""

import glob
import os

import numpy as np
from tensorflow import keras
from tensorflow.keras.layers import Conv2D, Dense, Flatten, Input, MaxPooling2D
from tensorflow.keras.models import Model

input_shape = (16, 16, 3)


def build_model(classes_focal, classes_distortion):
    main_input = Input(shape=input_shape, dtype="float32", name="main_input")
    x = Conv2D(4, 3, activation="relu", name="phi_conv")(main_input)
    phi_features = MaxPooling2D(name="phi_pool")(x)
    phi_flattened = Flatten(name="phi-flattened")(phi_features)
    final_output_focal = Dense(len(classes_focal), activation="softmax", name="output_focal")(phi_flattened)
    final_output_distortion = Dense(len(classes_distortion), activation="softmax", name="output_distortion")(
        phi_flattened
    )
    return Model(inputs=main_input, outputs=[final_output_focal, final_output_distortion])


def train(output_weight):
    classes_focal = list(np.arange(50, 500 + 1, 10))
    classes_distortion = list(np.arange(0, 120 + 1, 2) / 100.0)
    model = build_model(classes_focal, classes_distortion)
    model.compile(
        loss={"output_focal": "categorical_crossentropy", "output_distortion": "categorical_crossentropy"},
        optimizer=keras.optimizers.Adam(learning_rate=0.001),
    )
    n = 8
    images = np.random.rand(n, *input_shape).astype("float32")
    labels_focal = keras.utils.to_categorical(np.random.randint(0, len(classes_focal), n), len(classes_focal))
    labels_dist = keras.utils.to_categorical(
        np.random.randint(0, len(classes_distortion), n), len(classes_distortion)
    )
    checkpointer = keras.callbacks.ModelCheckpoint(
        filepath=output_weight + "weights_{epoch:02d}.weights.h5", save_weights_only=True
    )
    model.fit(images, [labels_focal, labels_dist], epochs=1, verbose=0, callbacks=[checkpointer])


def predict(path_to_weights):
    classes_focal = list(np.arange(40, 501, 10))
    classes_distortion = list(np.arange(0, 61, 1) / 50.0)
    model = build_model(classes_focal, classes_distortion)
    model.load_weights(path_to_weights)  # expect: TFV102
    image = np.random.rand(1, *input_shape).astype("float32")
    prediction_focal, prediction_dist = model.predict(image, verbose=0)
    print("focal:", classes_focal[np.argmax(prediction_focal[0])])
    print("dist:", classes_distortion[np.argmax(prediction_dist[0])])


output_weight = "Best/"
os.makedirs(output_weight, exist_ok=True)
train(output_weight)
predict(sorted(glob.glob(output_weight + "*.weights.h5"))[-1])
