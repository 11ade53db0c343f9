"""MLSTM-FCN's `train_model` helper writes the best model with a `ModelCheckpoint` (the reader switched it to `save_weights_only=False` to get the full model for serving); the serving code then loads that `.h5` file with `load_model` when it exists. The model holds the project's own `AttentionLSTM` layer, which nothing registers and the load is given no `custom_objects` for, so tf_keras cannot rebuild it from the file.

Source: https://github.com/titu1994/MLSTM-FCN/issues/14
Shape: custom-layer, helper, functional, callback, path-check, h5
Target: tf_keras
Runtime: raises ValueError: Unknown layer: 'AttentionLSTM'
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

from pathlib import Path

import numpy as np
import tensorflow as tf
from tf_keras import activations, initializers
from tf_keras.callbacks import ModelCheckpoint, ReduceLROnPlateau
from tf_keras.layers import LSTM, BatchNormalization, Conv1D, Dense, Dropout, GlobalAveragePooling1D, Input, Layer
from tf_keras.layers import Activation, Masking, Permute, concatenate
from tf_keras.models import Model, load_model
from tf_keras.optimizers import Adam

MAX_NB_VARIABLES = 4
MAX_TIMESTEPS = 12
NB_CLASS = 3


class AttentionLSTM(Layer):  # expect: TFV202
    def __init__(self, units, attention_activation="tanh", attention_initializer="orthogonal", **kwargs):
        super(AttentionLSTM, self).__init__(**kwargs)
        self.units = units
        self.attention_activation = activations.get(attention_activation)
        self.attention_initializer = initializers.get(attention_initializer)

    def build(self, input_shape):
        self.lstm = LSTM(self.units, return_sequences=True)
        self.attention_weights = self.add_weight(shape=(self.units, 1), name="attention_W",
                                                 initializer=self.attention_initializer)
        super(AttentionLSTM, self).build(input_shape)

    def call(self, inputs, mask=None):
        h = self.lstm(inputs, mask=mask)
        scores = tf.nn.softmax(self.attention_activation(tf.matmul(h, self.attention_weights)), axis=1)
        return tf.reduce_sum(scores * h, axis=1)

    def compute_mask(self, inputs, mask=None):
        return None

    def get_config(self):
        config = {"units": self.units,
                  "attention_activation": activations.serialize(self.attention_activation),
                  "attention_initializer": initializers.serialize(self.attention_initializer)}
        base_config = super(AttentionLSTM, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


def generate_model_2():
    ip = Input(shape=(MAX_NB_VARIABLES, MAX_TIMESTEPS))
    x = Masking()(ip)
    x = AttentionLSTM(8)(x)
    x = Dropout(0.8)(x)

    y = Permute((2, 1))(ip)
    y = Conv1D(16, 8, padding="same", kernel_initializer="he_uniform")(y)
    y = BatchNormalization()(y)
    y = Activation("relu")(y)
    y = GlobalAveragePooling1D()(y)

    x = concatenate([x, y])
    out = Dense(NB_CLASS, activation="softmax")(x)
    return Model(ip, out)


def train_model(model, X_train, y_train, dataset_prefix, epochs=2, batch_size=8, monitor="loss"):
    weight_fn = "./weights/%s_weights.h5" % dataset_prefix
    model_checkpoint = ModelCheckpoint(weight_fn, verbose=0, monitor=monitor, save_best_only=True,
                                       save_weights_only=False)
    reduce_lr = ReduceLROnPlateau(monitor=monitor, patience=100, factor=0.5, min_lr=1e-4)
    model.compile(optimizer=Adam(learning_rate=1e-3), loss="categorical_crossentropy", metrics=["accuracy"])
    model.fit(X_train, y_train, batch_size=batch_size, epochs=epochs, callbacks=[model_checkpoint, reduce_lr],
              verbose=0)


os.makedirs("weights", exist_ok=True)
X_train = np.random.rand(24, MAX_NB_VARIABLES, MAX_TIMESTEPS).astype("float32")
Y_train = np.eye(NB_CLASS)[np.random.randint(0, NB_CLASS, 24)]
model = generate_model_2()
train_model(model, X_train, Y_train, "arabic_voice")

weightfile = "./weights/arabic_voice_weights.h5"
my_file = Path(weightfile)
if my_file.is_file():
    print("Weight file exisits")
    model = load_model(weightfile)
else:
    print("Weight file do not exist")
    model.fit(X_train, Y_train, batch_size=32, epochs=2, verbose=0)
    model.save(weightfile)
print(model.predict(X_train[:2], verbose=0).shape)
