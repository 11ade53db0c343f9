# tf.Variable copies of a layer's own weight: a penalty on the copy, a frozen reference point, an updated average.
import numpy as np
import tensorflow as tf
import keras


class Penalized(keras.layers.Layer):
    # Only the penalty reads the copy: the author meant to regularize the kernel itself.
    def build(self, input_shape):
        self.kernel = self.add_weight(name="kernel", shape=(input_shape[-1], 2), initializer="ones")
        self.kernel_copy = self.kernel  # expect: TFV106

    def call(self, x):
        self.add_loss(0.01 * tf.reduce_sum(tf.square(self.kernel_copy)))
        return tf.matmul(x, self.kernel)


class Anchored(keras.layers.Layer):
    # A penalty towards the starting kernel (L2-SP): the copy is a reference point.
    def build(self, input_shape):
        self.kernel = self.add_weight(name="kernel", shape=(input_shape[-1], 2), initializer="ones")
        self.start = self.add_weight(
            name="start",
            shape=self.kernel.shape,
            initializer=keras.initializers.Constant(self.kernel),
            trainable=False,
        )  # expect: TFV106

    def call(self, x):
        self.add_loss(0.01 * tf.reduce_sum(tf.square(self.kernel - self.start)))
        return tf.matmul(x, self.kernel)


class Averaged(keras.layers.Layer):
    # A running average of the kernel, updated by assign.
    def build(self, input_shape):
        self.kernel = self.add_weight(name="kernel", shape=(input_shape[-1], 2), initializer="ones")
        self.average = self.add_weight(
            name="average",
            shape=self.kernel.shape,
            initializer=keras.initializers.Constant(self.kernel),
            trainable=False,
        )  # expect: TFV106

    def call(self, x):
        self.average.assign(0.9 * self.average + 0.1 * self.kernel)
        return tf.matmul(x, self.kernel)


def fit(layer):
    model = keras.Sequential([keras.Input((3,)), layer])
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    model.fit(np.ones((4, 3), "float32"), np.zeros((4, 2), "float32"), epochs=1, batch_size=4, verbose=0)
    return {
        "trainable": len(model.trainable_weights),
        "kernel": np.round(np.asarray(layer.kernel), 6).tolist(),
    }


def case_penalized():
    return fit(Penalized())


def case_anchored():
    return fit(Anchored())


def case_averaged():
    return fit(Averaged())
