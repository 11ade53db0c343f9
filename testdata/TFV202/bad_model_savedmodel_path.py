# A subclassed Model with constructor arguments and no get_config, saved with a TF2-era SavedModel path
# (handson-ml2's chapter 12: `model.save("my_custom_model.ckpt")`): Keras 3.15 refuses the path first
# (`ValueError: Invalid filepath extension for saving`); saved to a `.keras` file it raises NotImplementedError.
import keras
import numpy as np


class ResidualRegressor(keras.Model):  # expect: TFV202
    def __init__(self, output_dim, **kwargs):
        super().__init__(**kwargs)
        self.hidden1 = keras.layers.Dense(30, activation="elu")
        self.out = keras.layers.Dense(output_dim)

    def call(self, inputs):
        return self.out(self.hidden1(inputs))


model = ResidualRegressor(1)
model.compile(loss="mse", optimizer="nadam")
model.fit(np.zeros((4, 8)), np.zeros((4, 1)), epochs=1, verbose=0)
model.save("my_custom_model.ckpt")
