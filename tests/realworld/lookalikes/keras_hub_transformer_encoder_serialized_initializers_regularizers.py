"""keras-hub's `TransformerEncoder` with the regularizer arguments of its PR #2926: the constructor turns
initializer and regularizer arguments into objects with `keras.initializers.get` / `keras.regularizers.get`, `build`
makes and builds the attention, norm and feed-forward sub-layers from the input shape, and `get_config` writes each
object back with `keras.initializers.serialize` / `keras.regularizers.serialize`; the class is registered, so the
`.keras` round trip needs no custom_objects.

Source: https://github.com/keras-team/keras-hub/pull/2926
Shape: custom-layer, build, registered, get-config, initializer, regularizer, functional, save-load
Target: keras3
Runtime: runs
"""

import os
import tempfile

import keras
import numpy as np


@keras.saving.register_keras_serializable(package="lookalike_hub")
class TransformerEncoder(keras.layers.Layer):
    def __init__(
        self,
        intermediate_dim,
        num_heads,
        dropout=0,
        activation="relu",
        layer_norm_epsilon=1e-05,
        kernel_initializer="glorot_uniform",
        bias_initializer="zeros",
        kernel_regularizer=None,
        bias_regularizer=None,
        normalize_first=False,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.intermediate_dim = intermediate_dim
        self.num_heads = num_heads
        self.dropout = dropout
        self.activation = keras.activations.get(activation)
        self.layer_norm_epsilon = layer_norm_epsilon
        self.kernel_initializer = keras.initializers.get(kernel_initializer)
        self.bias_initializer = keras.initializers.get(bias_initializer)
        self.kernel_regularizer = keras.regularizers.get(kernel_regularizer)
        self.bias_regularizer = keras.regularizers.get(bias_regularizer)
        self.normalize_first = normalize_first
        self.supports_masking = True

    def _dense_kwargs(self):
        return {
            "kernel_initializer": keras.initializers.get(
                keras.initializers.serialize(self.kernel_initializer)
            ),
            "bias_initializer": keras.initializers.get(keras.initializers.serialize(self.bias_initializer)),
            "kernel_regularizer": self.kernel_regularizer,
            "bias_regularizer": self.bias_regularizer,
        }

    def build(self, inputs_shape):
        hidden_dim = inputs_shape[-1]
        key_dim = int(hidden_dim // self.num_heads)
        self._self_attention_layer = keras.layers.MultiHeadAttention(
            num_heads=self.num_heads,
            key_dim=key_dim,
            dropout=self.dropout,
            dtype=self.dtype_policy,
            name="self_attention_layer",
            **self._dense_kwargs(),
        )
        self._self_attention_layer.build(query_shape=inputs_shape, value_shape=inputs_shape)
        self._self_attention_layer_norm = keras.layers.LayerNormalization(
            epsilon=self.layer_norm_epsilon, dtype=self.dtype_policy, name="self_attention_layer_norm"
        )
        self._self_attention_layer_norm.build(inputs_shape)
        self._self_attention_dropout = keras.layers.Dropout(rate=self.dropout, dtype=self.dtype_policy)
        self._feedforward_layer_norm = keras.layers.LayerNormalization(
            epsilon=self.layer_norm_epsilon, dtype=self.dtype_policy, name="feedforward_layer_norm"
        )
        self._feedforward_layer_norm.build(inputs_shape)
        self._feedforward_intermediate_dense = keras.layers.Dense(
            self.intermediate_dim,
            activation=self.activation,
            dtype=self.dtype_policy,
            name="feedforward_intermediate_dense",
            **self._dense_kwargs(),
        )
        self._feedforward_intermediate_dense.build(inputs_shape)
        self._feedforward_output_dense = keras.layers.Dense(
            hidden_dim, dtype=self.dtype_policy, name="feedforward_output_dense", **self._dense_kwargs()
        )
        intermediate_shape = list(inputs_shape)
        intermediate_shape[-1] = self.intermediate_dim
        self._feedforward_output_dense.build(tuple(intermediate_shape))
        self._feedforward_dropout = keras.layers.Dropout(rate=self.dropout, dtype=self.dtype_policy)
        self.built = True

    def call(self, inputs, training=None):
        x = inputs
        residual = x
        if self.normalize_first:
            x = self._self_attention_layer_norm(x)
        x = self._self_attention_layer(query=x, value=x, training=training)
        x = self._self_attention_dropout(x, training=training)
        x = x + residual
        if not self.normalize_first:
            x = self._self_attention_layer_norm(x)
        residual = x
        if self.normalize_first:
            x = self._feedforward_layer_norm(x)
        x = self._feedforward_intermediate_dense(x)
        x = self._feedforward_output_dense(x)
        x = self._feedforward_dropout(x, training=training)
        x = x + residual
        if not self.normalize_first:
            x = self._feedforward_layer_norm(x)
        return x

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "intermediate_dim": self.intermediate_dim,
                "num_heads": self.num_heads,
                "dropout": self.dropout,
                "activation": keras.activations.serialize(self.activation),
                "layer_norm_epsilon": self.layer_norm_epsilon,
                "kernel_initializer": keras.initializers.serialize(self.kernel_initializer),
                "bias_initializer": keras.initializers.serialize(self.bias_initializer),
                "kernel_regularizer": keras.regularizers.serialize(self.kernel_regularizer),
                "bias_regularizer": keras.regularizers.serialize(self.bias_regularizer),
                "normalize_first": self.normalize_first,
            }
        )
        return config

    def compute_output_shape(self, inputs_shape):
        return inputs_shape


inputs = keras.Input(shape=(6, 8))
x = inputs
for i in range(2):
    x = TransformerEncoder(
        intermediate_dim=16,
        num_heads=2,
        kernel_initializer=keras.initializers.TruncatedNormal(stddev=0.02),
        kernel_regularizer=keras.regularizers.L2(1e-4),
        normalize_first=i == 1,
        name=f"transformer_layer_{i}",
    )(x)
outputs = keras.layers.Dense(2)(keras.layers.GlobalAveragePooling1D()(x))
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="mse")
data = np.random.rand(4, 6, 8).astype("float32")
model.fit(data, np.zeros((4, 2)), verbose=0)
before = model.predict(data, verbose=0)
path = os.path.join(tempfile.mkdtemp(), "encoder.keras")
model.save(path)
restored = keras.models.load_model(path)
assert np.allclose(before, restored.predict(data, verbose=0), atol=1e-5)
assert len(restored.losses) == len(model.losses) > 0
print(restored.get_layer("transformer_layer_0").get_config()["kernel_regularizer"]["class_name"])
