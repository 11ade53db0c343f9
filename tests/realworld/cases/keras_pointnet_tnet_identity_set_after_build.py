"""A PointNet port builds its input transform net in a helper and, once the model exists, makes the transform start at the identity by `model.get_layer("tnet_out").set_weights([np.zeros(...), np.eye(3).flatten()])`; the identity lives only in that statement, so `keras.models.clone_model(model)` (used to make a second replica) builds the transform with the configured zero bias.

Source: https://github.com/garyli1019/pointnet-keras/issues/5
Shape: helper, functional, get-layer
Target: keras3
Runtime: silent: the identity start of the transform net is lost by clone_model (the replica's tnet_out bias is all zeros)
"""

import numpy as np
import keras
from keras import layers


def input_transform_net(point_cloud, k=3):
    x = layers.Conv1D(16, 1, activation="relu")(point_cloud)
    x = layers.GlobalMaxPooling1D()(x)
    x = layers.Dense(16, activation="relu")(x)
    x = layers.Dense(k * k, name="tnet_out")(x)
    return layers.Reshape((k, k))(x)


def build_pointnet(num_points=8, num_classes=4):
    points = keras.Input((num_points, 3))
    transform = input_transform_net(points)
    x = layers.Dot(axes=(2, 1))([points, transform])
    x = layers.Conv1D(16, 1, activation="relu")(x)
    x = layers.GlobalMaxPooling1D()(x)
    return keras.Model(points, layers.Dense(num_classes, activation="softmax")(x))


model = build_pointnet()
model.get_layer("tnet_out").set_weights([np.zeros((16, 9)), np.eye(3).flatten()])  # expect: TFV201

replica = keras.models.clone_model(model)

# --- probe ---
bias = replica.get_layer("tnet_out").get_weights()[1]
print("TFVARFIX-BUG" if not np.allclose(bias, np.eye(3).flatten()) else "TFVARFIX-OK")
