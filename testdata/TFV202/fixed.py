# Custom objects whose constructor arguments do not survive model.save + load_model.
import tensorflow as tf


@tf.keras.utils.register_keras_serializable()
class Scaled(tf.keras.initializers.Initializer):  # expect: TFV202
    def __init__(self, scale):
        self.scale = scale

    def get_config(self):
        return {"scale": self.scale}

    def __call__(self, shape, dtype=None):
        return tf.ones(shape, dtype=dtype) * self.scale


@tf.keras.utils.register_keras_serializable()
class MaxNorm(tf.keras.constraints.Constraint):  # expect: TFV202
    def __init__(self, limit=2.0):
        self.limit = limit

    def get_config(self):
        return {"limit": self.limit}

    def __call__(self, w):
        return tf.clip_by_norm(w, self.limit)


@tf.keras.utils.register_keras_serializable()
class L1Sum(tf.keras.regularizers.Regularizer):  # expect: TFV202
    def __init__(self, factor):
        self.factor = factor

    def get_config(self):
        return {"factor": self.factor}

    def __call__(self, x):
        return self.factor * tf.reduce_sum(tf.abs(x))


def build():
    inputs = tf.keras.Input((4,))
    outputs = tf.keras.layers.Dense(
        3,
        kernel_initializer=Scaled(0.5),
        kernel_constraint=MaxNorm(3.0),
        kernel_regularizer=L1Sum(0.01),
        name="dense",
    )(inputs)
    return tf.keras.Model(inputs, outputs)
