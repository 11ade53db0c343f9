# tf_keras layers that make one weight with add_weight and no name, saved in the TensorFlow format (tensorflow#36962,
# #51835, #59954): tf_keras leaves the weight's name None, and the SavedModel or checkpoint writer raises.
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import numpy as np
import tensorflow as tf
import tf_keras as keras


class Gain(keras.layers.Layer):
    def build(self, input_shape):
        self.gain = self.add_weight(shape=(input_shape[-1],), initializer="ones")  # expect: TFV202

    def call(self, inputs):
        return inputs * self.gain


class Shift(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.shift = self.add_weight(shape=(), initializer="zeros")  # expect: TFV202

    def call(self, inputs):
        return inputs + self.shift


def save_savedmodel():
    model = keras.Sequential([keras.Input((3,)), Gain()])
    model.save("gain_model")


def save_checkpoint():
    model = keras.Sequential([keras.Input((3,)), Shift()])
    model.save_weights(os.path.join("checkpoints", "shift"))


def fit_with_checkpoint(folder="runs"):
    model = keras.Sequential([keras.Input((3,)), Gain(), Shift()])
    model.compile(optimizer="sgd", loss="mse")
    checkpoint = keras.callbacks.ModelCheckpoint(f"{folder}/epoch", save_weights_only=True)
    model.fit(np.zeros((4, 3)), np.zeros((4, 3)), epochs=1, verbose=0, callbacks=[checkpoint])


def build():
    return keras.Sequential([keras.Input((3,)), Gain(), Shift()])
