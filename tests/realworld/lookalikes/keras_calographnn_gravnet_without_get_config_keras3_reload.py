"""caloGraphNN's `GravNet` layer without a `get_config` (the report's Keras 2.2 failed to load it), in Keras 3: its constructor arguments are plain numbers and a string and its `__init__` hands `**kwargs` on, so Keras records them itself; the `Dense` sub-layers it builds by hand in `build()` carry their own paths in Keras 3, and the functional model saved to a `.keras` file loads back with `custom_objects` and predicts the same.

Source: https://github.com/jkiesele/caloGraphNN/pull/2
Shape: custom-layer, nested-layers, build, sublayers-in-build, helper, loop, functional, save-load
Target: keras3
Runtime: runs
"""

import numpy as np
import tensorflow as tf
import keras


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
        self.input_spatial_transform.build(input_shape)
        self.output_feature_transform.build((input_shape[0], input_shape[1], input_shape[2] + 2 * self.n_propagate))
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
model.save("gravnet_model.keras")
restored = keras.models.load_model("gravnet_model.keras", custom_objects={"GlobalExchange": GlobalExchange, "GravNet": GravNet})
assert np.allclose(restored.predict(x, verbose=0), model.predict(x, verbose=0))
