"""The keras-io MPNN example's `EdgeNetwork` makes its kernel and bias with `add_weight` and no `name`, and `MessagePassing` constructs it in its own `build`; a reader who adds an HDF5 `ModelCheckpoint` (weights only) to `fit` gets a save error at the end of the first epoch: under tf_keras both weights are `Variable:0` inside the edge network's group.

Source: https://github.com/keras-team/keras-io/issues/720
Shape: custom-layer, build, sublayer-in-build, loop, helper, functional, fit, callback
Target: tf_keras
Runtime: raises ValueError: name already exists
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf
import tf_keras as keras
from tf_keras import layers


class EdgeNetwork(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def build(self, input_shape):
        self.atom_dim = input_shape[0][-1]
        self.bond_dim = input_shape[1][-1]
        self.kernel = self.add_weight(
            shape=(self.bond_dim, self.atom_dim * self.atom_dim),
            trainable=True,
            initializer="glorot_uniform",
        )
        self.bias = self.add_weight(  # expect: TFV202
            shape=(self.atom_dim * self.atom_dim), trainable=True, initializer="zeros",
        )
        self.built = True

    def call(self, inputs):
        atom_features, bond_features, pair_indices = inputs
        bond_features = tf.matmul(bond_features, self.kernel) + self.bias
        bond_features = tf.reshape(bond_features, (-1, self.atom_dim, self.atom_dim))
        atom_features_neighbors = tf.gather(atom_features, pair_indices[:, 1])
        atom_features_neighbors = tf.expand_dims(atom_features_neighbors, axis=-1)
        transformed_features = tf.matmul(bond_features, atom_features_neighbors)
        transformed_features = tf.squeeze(transformed_features, axis=-1)
        return tf.math.unsorted_segment_sum(transformed_features, pair_indices[:, 0], tf.shape(atom_features)[0])


class MessagePassing(layers.Layer):
    def __init__(self, units, steps=4, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.steps = steps

    def build(self, input_shape):
        self.atom_dim = input_shape[0][-1]
        self.message_step = EdgeNetwork()
        self.pad_length = max(0, self.units - self.atom_dim)
        self.update_step = layers.GRUCell(self.atom_dim + self.pad_length)
        self.built = True

    def call(self, inputs):
        atom_features, bond_features, pair_indices = inputs
        atom_features_updated = tf.pad(atom_features, [(0, 0), (0, self.pad_length)])
        for _ in range(self.steps):
            atom_features_aggregated = self.message_step([atom_features_updated, bond_features, pair_indices])
            atom_features_updated, _ = self.update_step(atom_features_aggregated, atom_features_updated)
        return atom_features_updated


def MPNNModel(atom_dim, bond_dim, message_units=16, message_steps=2, dense_units=32):
    atom_features = layers.Input((atom_dim,), dtype="float32", name="atom_features")
    bond_features = layers.Input((bond_dim,), dtype="float32", name="bond_features")
    pair_indices = layers.Input((2,), dtype="int32", name="pair_indices")
    x = MessagePassing(message_units, message_steps)([atom_features, bond_features, pair_indices])
    x = layers.Dense(dense_units, activation="relu")(x)
    x = layers.Dense(1, activation="sigmoid")(x)
    return keras.Model(inputs=[atom_features, bond_features, pair_indices], outputs=[x])


n_atoms, atom_dim, bond_dim = 12, 6, 3
rng = np.random.default_rng(0)
atoms = rng.random((n_atoms, atom_dim)).astype("float32")
pairs = np.array([[i, i] for i in range(n_atoms)] + [[i, (i + 1) % n_atoms] for i in range(n_atoms)], dtype="int32")
bonds = rng.random((len(pairs), bond_dim)).astype("float32")
labels = rng.integers(0, 2, (n_atoms, 1)).astype("float32")

mpnn = MPNNModel(atom_dim=atom_dim, bond_dim=bond_dim)
mpnn.compile(loss=keras.losses.BinaryCrossentropy(), optimizer=keras.optimizers.Adam(learning_rate=5e-4))
checkpoint = keras.callbacks.ModelCheckpoint("mpnn_weights.h5", save_weights_only=True)
dataset = tf.data.Dataset.from_tensors(((atoms, bonds, pairs), labels))
history = mpnn.fit(dataset, epochs=2, verbose=0, callbacks=[checkpoint])
print(history.history["loss"])
