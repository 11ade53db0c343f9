# tf_keras layers that make one weight with add_weight and no name, saved through TensorFlow's object-based
# checkpoints (tensorflow#35241): a tf.train.Checkpoint that holds the model, or the built layer itself, names the
# layer's weights when it writes, and raises on the unnamed one (its name is None), through a CheckpointManager too.
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import numpy as np
import tensorflow as tf
import tf_keras as keras


class Scale(keras.layers.Layer):
    def build(self, input_shape):
        self.scale = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="scale")  # expect: TFV202

    def call(self, inputs):
        return inputs * self.scale


class Offset(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.offset = self.add_weight(shape=(), initializer="zeros", name="offset")  # expect: TFV202

    def call(self, inputs):
        return inputs + self.offset


def save_with_manager(folder="tf_ckpts"):
    inputs = keras.Input((3,))
    model = keras.Model(inputs, Scale()(inputs))
    optimizer = keras.optimizers.Adam(0.01)
    checkpoint = tf.train.Checkpoint(step=tf.Variable(0), optimizer=optimizer, net=model)
    manager = tf.train.CheckpointManager(checkpoint, folder, max_to_keep=2)
    manager.save()


def save_layer_checkpoint():
    offset = Offset()
    offset(np.zeros((1, 3), "float32"))
    tf.train.Checkpoint(layer=offset).write(os.path.join("layer_ckpt", "offset"))


def build():
    return keras.Sequential([keras.Input((3,)), Scale(), Offset()])
