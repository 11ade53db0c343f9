# Near misses in tf_keras: object-based checkpoints that hold no layer with an unnamed weight save: one of a model of
# named weights and a step counter, beside a model with an unnamed weight that no checkpoint holds, and one of a
# variable and an optimizer alone.
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import numpy as np
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


def save_other_model_and_variable():
    inputs = keras.Input((3,))
    unnamed = keras.Model(inputs, Gain()(inputs))
    named_inputs = keras.Input((3,))
    named = keras.Model(named_inputs, NamedGain()(named_inputs))
    tf.train.Checkpoint(net=named, step=tf.Variable(1)).save(os.path.join("named", "ckpt"))
    unnamed.predict(np.zeros((1, 3)), verbose=0)


def save_step_and_optimizer():
    tf.train.Checkpoint(step=tf.Variable(0), optimizer=keras.optimizers.SGD()).write(os.path.join("step", "ckpt"))
