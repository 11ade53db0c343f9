"""CAP's training script crops each region of interest with a `crop(dimension, start, end)` helper that returns `Lambda(func)` for a nested `func`, squeezes and stacks them with module-level functions, and pools an LSTM over them with a custom NetRVLAD layer; a `ModelCheckpoint` saves the model, and loading it with `custom_objects` for NetRVLAD and the two module-level functions still fails, because Keras 3 saves a named function by its name and the nested `func` cannot be found again.

Source: https://github.com/ArdhenduBehera/cap/issues/10
Shape: helper, closure, nested-function, loop, lambda, custom-layer, checkpoint, save-load
Target: keras3
Runtime: raises TypeError: Could not locate function 'func'
"""

import os

import numpy as np
import keras
from keras import layers, ops
from keras.callbacks import ModelCheckpoint
from keras.models import Model, load_model


class NetRVLAD(layers.Layer):
    def __init__(self, feature_size, max_samples, cluster_size, output_dim, **kwargs):
        self.feature_size = feature_size
        self.max_samples = max_samples
        self.output_dim = output_dim
        self.cluster_size = cluster_size
        super().__init__(**kwargs)

    def build(self, input_shape):
        self.cluster_weights = self.add_weight(name="kernel_W1", shape=(self.feature_size, self.cluster_size),
                                               initializer="random_normal", trainable=True)
        self.Wn = self.add_weight(name="kernel_H1", shape=(self.cluster_size * self.feature_size, self.output_dim),
                                  initializer="random_normal", trainable=True)

    def call(self, reshaped_input):
        activation = ops.softmax(ops.matmul(reshaped_input, self.cluster_weights))
        activation = ops.transpose(activation, (0, 2, 1))
        vlad = ops.matmul(activation, reshaped_input)
        vlad = ops.reshape(vlad, (-1, self.cluster_size * self.feature_size))
        return ops.matmul(ops.normalize(vlad, axis=1), self.Wn)

    def compute_output_shape(self, input_shape):
        return (None, self.output_dim)


def crop(dimension, start, end):
    def func(x):
        if dimension == 1:
            return x[:, start:end]
        if dimension == 2:
            return x[:, :, start:end]
    return layers.Lambda(func)  # expect: TFV202


def squeezefunc(x):
    return ops.squeeze(x, axis=1)


def stackfunc(x):
    return ops.stack(x, axis=1)


batch_size = 4
lstm_units = 8
model_name = "CAP_small"
nb_classes = 3
num_rois = 3

inputs = layers.Input(shape=(6, 6, 3))
base_out = layers.Conv2D(4, 3, padding="same", activation="relu")(inputs)
regions = layers.Reshape((num_rois, 48))(base_out)

jcvs = []
for j in range(num_rois):
    roi_crop = crop(1, j, j + 1)(regions)
    lname = "roi_lambda_" + str(j)
    x = layers.Lambda(squeezefunc, name=lname)(roi_crop)
    jcvs.append(x)
jcvs = layers.Lambda(stackfunc, name="lambda_stack")(jcvs)
lstm = layers.LSTM(lstm_units, return_sequences=True)(jcvs)
y = NetRVLAD(feature_size=lstm_units, max_samples=num_rois, cluster_size=2, output_dim=nb_classes)(lstm)
y = layers.BatchNormalization(name="batch_norm_last")(y)
y = layers.Activation("softmax", name="final_softmax")(y)

model = Model(inputs, y)
model.compile(loss="categorical_crossentropy", metrics=["accuracy"], optimizer="sgd")

output_model_dir = os.path.join(os.getcwd(), model_name)
checkpointer = ModelCheckpoint(filepath=output_model_dir + ".{epoch:02d}.keras", save_weights_only=False)
rng = np.random.default_rng(0)
x_train = rng.random((8, 6, 6, 3)).astype("float32")
y_train = keras.utils.to_categorical(rng.integers(0, nb_classes, 8), nb_classes)
model.fit(x_train, y_train, batch_size=batch_size, epochs=1, callbacks=[checkpointer], verbose=0)

custom_objects = {"NetRVLAD": NetRVLAD, "squeezefunc": squeezefunc, "stackfunc": stackfunc}
model = load_model(output_model_dir + ".01.keras", custom_objects=custom_objects, safe_mode=False)
print(model.predict(x_train[:2], verbose=0).shape)
