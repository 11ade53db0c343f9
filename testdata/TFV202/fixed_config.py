# A `get_config` that leaves out an argument `__init__` requires: Keras 3 saves the model, and `load_model`
# raises `TypeError: ... missing 1 required positional argument` when it rebuilds the layer from its config.
import keras


@keras.saving.register_keras_serializable(package="fixtures")
class MlpBlock(keras.layers.Layer):
    def __init__(self, dim, hidden_dim, activation="gelu", **kwargs):
        super().__init__(**kwargs)
        self.dim = dim
        self.hidden_dim = hidden_dim
        self.activation = activation
        self.inner = keras.layers.Dense(hidden_dim, activation=activation)
        self.outer = keras.layers.Dense(dim)

    def call(self, x):
        return self.outer(self.inner(x))

    def get_config(self):  # expect: TFV202
        config = super().get_config()
        config.update({"dim": self.dim, "activation": self.activation})
        config["hidden_dim"] = self.hidden_dim
        return config


def case_mixer():
    inputs = keras.Input((4, 6))
    return keras.Model(inputs, MlpBlock(6, 12)(inputs))
