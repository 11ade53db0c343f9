# Near misses in tf_keras: one unnamed weight saved to HDF5 and to the `.keras` format, which save it, and a named
# weight saved in the TensorFlow format (a SavedModel: a `save_weights` is not followed to the model's layers, and
# would make the module's `Gain` count); a `save` of an object of the program that is no model names no weight.
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tensorflow as tf
import tf_keras as keras


class Gain(keras.layers.Layer):
    def build(self, input_shape):
        self.gain = self.add_weight(shape=(input_shape[-1],), initializer="ones")

    def call(self, inputs):
        return inputs * self.gain


class NamedGain(keras.layers.Layer):
    def build(self, input_shape):
        self.gain = self.add_weight(name="gain", shape=(input_shape[-1],), initializer="ones")

    def call(self, inputs):
        return inputs * self.gain


class RunLog:
    def __init__(self):
        self.lines = []

    def save(self, path):
        with open(path, "w") as handle:
            handle.write("\n".join(self.lines))


def save_legacy_and_keras_formats():
    model = keras.Sequential([keras.Input((3,)), Gain()])
    model.save("gain.h5")
    model.save("gain.keras")
    model.save_weights("gain_weights.h5")


def save_named_savedmodel():
    model = keras.Sequential([keras.Input((3,)), NamedGain()])
    model.save(os.path.join("exported", "named_gain_model"))


def save_run_log():
    log = RunLog()
    log.lines.append("done")
    log.save("run_log")
