"""A custom orthogonality regularizer that defines `get_config` and is registered: the model saves and loads with its factor.

Source: https://keras.io/api/layers/regularizers/
Shape: helper, functional, parameter
Target: keras3
Runtime: runs
"""

import os
import tempfile

import numpy as np
import keras
from keras import layers, ops


@keras.saving.register_keras_serializable(package="pointnet")
class OrthogonalRegularizer(keras.regularizers.Regularizer):
    def __init__(self, num_features, l2reg=0.001):
        self.num_features = num_features
        self.l2reg = l2reg

    def __call__(self, x):
        x = ops.reshape(x, (-1, self.num_features, self.num_features))
        xxt = ops.reshape(ops.tensordot(x, x, axes=(2, 2)), (-1, self.num_features, self.num_features))
        return ops.sum(self.l2reg * ops.square(xxt - ops.eye(self.num_features)))

    def get_config(self):
        return {"num_features": self.num_features, "l2reg": self.l2reg}


def tnet(inputs, num_features):
    reg = OrthogonalRegularizer(num_features, l2reg=0.002)
    x = layers.GlobalMaxPooling1D()(layers.Conv1D(4, 1, activation="relu")(inputs))
    x = layers.Dense(num_features * num_features, kernel_initializer="zeros", activity_regularizer=reg, name="tnet_out")(x)
    return layers.Dot(axes=(2, 1))([inputs, layers.Reshape((num_features, num_features))(x)])


points = keras.Input((5, 3))
outputs = layers.Dense(2, activation="softmax")(layers.GlobalMaxPooling1D()(tnet(points, 3)))
model = keras.Model(points, outputs)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(np.random.rand(4, 5, 3), np.array([0, 1, 0, 1]), epochs=1, verbose=0)
path = os.path.join(tempfile.mkdtemp(), "pointnet.keras")
model.save(path)
loaded = keras.models.load_model(path)

# --- probe ---
print("TFVARFIX-OK" if loaded.get_layer("tnet_out").activity_regularizer.l2reg == 0.002 else "TFVARFIX-BUG")
