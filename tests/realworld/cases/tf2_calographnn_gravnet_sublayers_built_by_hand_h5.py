"""caloGraphNN's `GravNet` layer makes three `Dense` sub-layers in `__init__` and builds them by hand in its own `build()` (`self.input_feature_transform.build(input_shape)`), outside each sub-layer's name scope; a functional model stacks such layers in a helper's loop and is saved to HDF5 and loaded with `custom_objects`. The report (Keras 2.2) failed at the load for want of a `get_config`, which tf_keras now derives from the plain constructor arguments; but the hand-built sub-layers' weights are all `gravnet_0/kernel:0` and `gravnet_0/bias:0`, so the HDF5 save cannot write them.

Source: https://github.com/jkiesele/caloGraphNN/pull/2
Shape: custom-layer, nested-layers, build, sublayers-in-build, helper, loop, functional, h5, load
Target: tf_keras
Runtime: raises ValueError: Unable to synchronously create dataset (name already exists)
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf
import tf_keras as keras


def euclidean_squared(a, b):
    sa = tf.reduce_sum(a * a, axis=-1, keepdims=True)
    sb = tf.reduce_sum(b * b, axis=-1, keepdims=True)
    return sa - 2 * tf.matmul(a, b, transpose_b=True) + tf.transpose(sb, perm=(0, 2, 1))


class GlobalExchange(keras.layers.Layer):
    def __init__(self, **kwargs):
        super(GlobalExchange, self).__init__(**kwargs)

    def call(self, x):
        mean = tf.reduce_mean(x, axis=1, keepdims=True)
        return tf.concat([x, tf.tile(mean, [1, tf.shape(x)[1], 1])], axis=-1)


class GravNet(keras.layers.Layer):
    def __init__(self, n_neighbours, n_dimensions, n_filters, n_propagate, name, **kwargs):
        super(GravNet, self).__init__(name=name, **kwargs)
        self.n_neighbours = n_neighbours
        self.n_dimensions = n_dimensions
        self.n_filters = n_filters
        self.n_propagate = n_propagate
        self.input_feature_transform = keras.layers.Dense(n_propagate, name=name + "_FLR")
        self.input_spatial_transform = keras.layers.Dense(n_dimensions, name=name + "_S")
        self.output_feature_transform = keras.layers.Dense(n_filters, activation="tanh", name=name + "_Fout")

    def build(self, input_shape):
        self.input_feature_transform.build(input_shape)
        self.input_spatial_transform.build(input_shape)  # expect: TFV202
        self.output_feature_transform.build(  # expect: TFV202
            (input_shape[0], input_shape[1], input_shape[2] + 2 * self.n_propagate))
        super(GravNet, self).build(input_shape)

    def call(self, x):
        features = self.input_feature_transform(x)
        coordinates = self.input_spatial_transform(x)
        distance = euclidean_squared(coordinates, coordinates)
        ranked_distances, ranked_indices = tf.nn.top_k(-distance, self.n_neighbours)
        neighbours = tf.gather(features, ranked_indices[:, :, 1:], batch_dims=1)
        weights = tf.exp(-tf.abs(ranked_distances[:, :, 1:]))[..., None]
        neighbours = neighbours * weights
        collected = tf.concat([tf.reduce_max(neighbours, axis=2), tf.reduce_mean(neighbours, axis=2)], axis=-1)
        return self.output_feature_transform(tf.concat([x, collected], axis=-1))

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[1], self.n_filters)


def gravnet_model(n_vertices, n_features, n_blocks=2):
    inputs = keras.Input(shape=(n_vertices, n_features))
    x = inputs
    feats = []
    for i in range(n_blocks):
        x = GlobalExchange(name="gex_%d" % i)(x)
        x = keras.layers.Dense(16, activation="tanh", name="dense_%d" % i)(x)
        x = GravNet(4, 3, 12, 6, name="gravnet_%d" % i)(x)
        x = keras.layers.BatchNormalization(name="batchnorm_%d" % i)(x)
        feats.append(x)
    x = keras.layers.Concatenate()(feats)
    outputs = keras.layers.Dense(3, activation="relu", name="output")(x)
    return keras.Model(inputs, outputs)


model = gravnet_model(10, 4)
model.compile(optimizer="adam", loss="mse")
x = np.random.rand(8, 10, 4).astype("float32")
model.fit(x, np.random.rand(8, 10, 3), epochs=1, verbose=0)
model.save("gravnet_model.h5")
restored = keras.models.load_model("gravnet_model.h5", custom_objects={"GlobalExchange": GlobalExchange, "GravNet": GravNet})
print(np.abs(restored.predict(x, verbose=0) - model.predict(x, verbose=0)).max())
