"""TF Addons' `WeightNormalization` wrapper after its data-init fix (PR #453), in tf_keras: `build` keeps the wrapped
Dense's kernel as `v`, adds `g` and a boolean `initialized` flag with `add_weight`, and makes a naked clone of the
layer through `deserialize(serialize(layer))` that gets the same weights by `set_weights`; the first call runs the
data-dependent init under `tf.cond` (`g.assign`, `bias.assign` from the clone's output moments) and every call gives
the wrapped layer its kernel `g * v / ||v||` before calling it.

Source: https://github.com/tensorflow/addons/pull/453
Shape: wrapper, build, add-weight, clone, set-weights, assign, tf-cond, sequential, fit
Target: tf_keras
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf


class WeightNormalization(tf.keras.layers.Wrapper):
    def __init__(self, layer, data_init=True, **kwargs):
        super().__init__(layer, **kwargs)
        self.data_init = data_init
        self._track_trackable(layer, name="layer")

    def build(self, input_shape):
        input_shape = tf.TensorShape(input_shape)
        self.input_spec = tf.keras.layers.InputSpec(shape=[None] + input_shape[1:])
        if not self.layer.built:
            self.layer.build(input_shape)
        kernel = self.layer.kernel
        self.layer_depth = int(kernel.shape[-1])
        self.kernel_norm_axes = list(range(kernel.shape.rank - 1))
        self.g = self.add_weight(
            name="g", shape=(self.layer_depth,), initializer="ones", dtype=kernel.dtype, trainable=True
        )
        self.v = kernel
        self._initialized = self.add_weight(
            name="initialized", shape=None, initializer="zeros", dtype=tf.dtypes.bool, trainable=False
        )
        if self.data_init:
            with tf.name_scope("data_dep_init"):
                layer_config = tf.keras.layers.serialize(self.layer)
                layer_config["config"]["trainable"] = False
                self._naked_clone_layer = tf.keras.layers.deserialize(layer_config)
                self._naked_clone_layer.build(input_shape)
                self._naked_clone_layer.set_weights(self.layer.get_weights())
                self._naked_clone_layer.activation = None
        self.built = True

    def call(self, inputs):
        def _do_nothing():
            return tf.identity(self.g)

        def _update_weights():
            with tf.control_dependencies(self._initialize_weights(inputs)):
                return tf.identity(self.g)

        g = tf.cond(self._initialized, _do_nothing, _update_weights)
        with tf.name_scope("compute_weights"):
            kernel = tf.nn.l2_normalize(self.v, axis=self.kernel_norm_axes) * g
            self.layer.kernel = kernel
            update_kernel = tf.identity(self.layer.kernel)
            with tf.control_dependencies([update_kernel]):
                outputs = self.layer(inputs)
                return outputs

    def _initialize_weights(self, inputs):
        with tf.control_dependencies(
            [tf.debugging.assert_equal(self._initialized, False, message="The layer has been initialized.")]
        ):
            if self.data_init:
                assign_tensors = self._data_dep_init(inputs)
            else:
                assign_tensors = self._init_norm()
            assign_tensors.append(self._initialized.assign(True))
            return assign_tensors

    def _init_norm(self):
        with tf.name_scope("init_norm"):
            v_flat = tf.reshape(self.v, [-1, self.layer_depth])
            v_norm = tf.linalg.norm(v_flat, axis=0)
            return [self.g.assign(tf.reshape(v_norm, (self.layer_depth,)))]

    def _data_dep_init(self, inputs):
        with tf.name_scope("data_dep_init"):
            activation = self.layer.activation
            self.layer.activation = None
            x_init = self._naked_clone_layer(inputs)
            data_norm_axes = list(range(x_init.shape.rank - 1))
            m_init, v_init = tf.nn.moments(x_init, data_norm_axes)
            scale_init = 1.0 / tf.math.sqrt(v_init + 1e-10)
            self.layer.activation = activation
            g_tensor = self.g.assign(self.g * scale_init)
            if hasattr(self.layer, "bias") and self.layer.bias is not None:
                bias_tensor = self.layer.bias.assign(-m_init * scale_init)
                return [g_tensor, bias_tensor]
            return [g_tensor]

    def get_config(self):
        config = {"data_init": self.data_init}
        base_config = super().get_config()
        return dict(list(base_config.items()) + list(config.items()))


model = tf.keras.Sequential(
    [
        WeightNormalization(tf.keras.layers.Dense(8, activation="relu"), input_shape=(4,)),
        WeightNormalization(tf.keras.layers.Dense(2), data_init=False),
    ]
)
model.compile(optimizer="adam", loss="mse")
x = np.random.rand(16, 4).astype("float32")
model.fit(x, np.random.rand(16, 2), batch_size=16, epochs=2, verbose=0)
first = model.layers[0]
assert bool(first._initialized.numpy())
assert len(first.trainable_weights) == 3, [w.name for w in first.trainable_weights]
out = model.predict(x, verbose=0)
print(out.shape, first.g.numpy()[:2])
