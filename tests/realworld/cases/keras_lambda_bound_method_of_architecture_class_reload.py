"""A `ModelArchitecture` helper class keeps the model's custom step as a method and wires it with `Lambda(self.custom_layer)` in `gen_model_architecture()`; Keras 3 saves the bound method as `{'class_name': 'method', 'config': 'custom_layer'}`, which no load can rebuild (`Expected 'config' to be a dict for method`), so `load_model` of the autoencoder fails, with or without `safe_mode=False` or `custom_objects`.

Source: https://github.com/keras-team/keras/issues/13992
Shape: lambda, class-method, functional, save-load, helper
Target: keras3
Runtime: raises TypeError: could not be deserialized properly
"""

import numpy as np
from keras import ops
from keras.layers import Dense, Input, Lambda
from keras.models import Model, load_model


class ModelArchitecture:
    def __init__(self, timesteps=10, features=20):
        self.timesteps = timesteps
        self.features = features

    def custom_layer(self, x):
        return x - ops.mean(x, axis=1, keepdims=True)

    def gen_model_architecture(self) -> Model:
        input_layer = Input(shape=(self.timesteps, self.features), name="input_layer")
        centred = Lambda(self.custom_layer)(input_layer)  # expect: TFV202
        output_layer = Dense(self.features, name="reconstruction")(centred)
        return Model(inputs=input_layer, outputs=output_layer)


architecture = ModelArchitecture()
autoencoder = architecture.gen_model_architecture()
autoencoder.compile(optimizer="adam", loss="mse")
data = np.random.rand(4, 10, 20).astype("float32")
autoencoder.fit(data, data, epochs=1, verbose=0)
autoencoder.save("test.keras")
restored = load_model("test.keras", safe_mode=False)
