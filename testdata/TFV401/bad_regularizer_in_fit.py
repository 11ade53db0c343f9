# simec#4: a custom Regularizer's __call__ runs in `fit`'s traced train step, on each weight it regularizes. In
# tf_keras, `K.ones(shape)` of known sizes and `K.eye(n)` are variables (tf_keras's backend wraps them in
# `variable(...)`), so a mask built with them on every call is refused there; `tf.ones`/`tf.eye` are tensors.
import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import numpy as np
import tensorflow as tf
import tf_keras as keras
import tf_keras.backend as K


class OffDiagonal(keras.regularizers.Regularizer):
    def __init__(self, strength=0.0, dim=0):
        self.strength = K.cast_to_floatx(strength)
        self.dim = dim

    def __call__(self, x):
        penalty = 0.0
        if self.strength > 0.0:
            mask = K.ones((self.dim, self.dim)) - K.eye(self.dim)  # expect: TFV401, TFV401
            penalty += self.strength * K.mean(K.square(mask * K.dot(x, K.transpose(x))))
        return penalty

    def get_config(self):
        return {"strength": float(self.strength), "dim": self.dim}


class TensorMask(keras.regularizers.Regularizer):
    def __init__(self, dim):
        self.dim = dim

    def __call__(self, x):
        mask = tf.ones((self.dim, self.dim)) - tf.eye(self.dim)
        return 0.1 * tf.reduce_mean(tf.square(mask * tf.matmul(x, x, transpose_b=True)))

    def get_config(self):
        return {"dim": self.dim}


def fit_with(regularizer):
    inputs = keras.Input((3,))
    embedding = keras.layers.Dense(3)(inputs)
    outputs = keras.layers.Dense(3, use_bias=False, kernel_regularizer=regularizer)(embedding)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer="adam", loss="mse")
    return model.fit(np.eye(3), np.eye(3), epochs=2, verbose=0).history["loss"]


def case_orthogonality_mask():
    return fit_with(OffDiagonal(0.1, 3))


def case_tensor_mask():
    return fit_with(TensorMask(3))
