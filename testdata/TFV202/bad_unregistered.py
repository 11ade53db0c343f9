# Unregistered custom classes in a model that this module saves and loads back from the same file without
# custom_objects (mvoelk/keras_layers#1, deep_complex_networks#8): Keras cannot locate the classes by name.
import keras
import numpy as np


class AddCoords(keras.layers.Layer):  # expect: TFV202
    def __init__(self, scale=1.0, **kwargs):
        super().__init__(**kwargs)
        self.scale = scale

    def call(self, x):
        return keras.ops.concatenate([x, self.scale * keras.ops.ones_like(x[..., :1])], axis=-1)


class HalfNormal(keras.initializers.Initializer):  # expect: TFV202
    def __init__(self, stddev=0.1):
        self.stddev = stddev

    def __call__(self, shape, dtype=None):
        return keras.ops.abs(keras.random.normal(shape, stddev=self.stddev, dtype=dtype, seed=1))

    def get_config(self):
        return {"stddev": self.stddev}


def case_coords():
    inputs = keras.Input((3,))
    x = AddCoords(scale=2.0)(inputs)
    outputs = keras.layers.Dense(2, kernel_initializer=HalfNormal(0.2))(x)
    return keras.Model(inputs, outputs)


def save_and_load():
    model = case_coords()
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.zeros((4, 3)), np.zeros((4, 2)), epochs=1, verbose=0,
              callbacks=[keras.callbacks.ModelCheckpoint("coords.keras")])
    return model, keras.models.load_model("coords.keras")
