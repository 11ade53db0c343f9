"""PointNet's T-net helper adds a custom `OrthogonalRegularizer` with no `get_config`; training works, `model.save` fails.

Source: https://github.com/keras-team/keras-io/issues/733
Shape: helper, functional, parameter
Target: keras3
Runtime: raises NotImplementedError: does not implement get_config()
"""

import os
import tempfile

import numpy as np
import keras
from keras import layers, ops


class OrthogonalRegularizer(keras.regularizers.Regularizer):  # expect: TFV202
    def __init__(self, num_features, l2reg=0.001):
        self.num_features = num_features
        self.l2reg = l2reg
        self.eye = ops.eye(num_features)

    def __call__(self, x):
        x = ops.reshape(x, (-1, self.num_features, self.num_features))
        xxt = ops.tensordot(x, x, axes=(2, 2))
        xxt = ops.reshape(xxt, (-1, self.num_features, self.num_features))
        return ops.sum(self.l2reg * ops.square(xxt - self.eye))


def tnet(inputs, num_features):
    bias = keras.initializers.Constant(np.eye(num_features).flatten())
    reg = OrthogonalRegularizer(num_features)
    x = layers.Conv1D(4, 1, activation="relu")(inputs)
    x = layers.GlobalMaxPooling1D()(x)
    x = layers.Dense(num_features * num_features, kernel_initializer="zeros", bias_initializer=bias, activity_regularizer=reg)(x)
    feat_t = layers.Reshape((num_features, num_features))(x)
    return layers.Dot(axes=(2, 1))([inputs, feat_t])


points = keras.Input((5, 3))
x = tnet(points, 3)
x = layers.GlobalMaxPooling1D()(layers.Conv1D(4, 1, activation="relu")(x))
outputs = layers.Dense(2, activation="softmax")(x)
model = keras.Model(points, outputs)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(np.random.rand(4, 5, 3), np.array([0, 1, 0, 1]), epochs=1, verbose=0)
model.save(os.path.join(tempfile.mkdtemp(), "pointnet.keras"))
