# tf.Variable attributes of Keras 3 layers and models: not tracked, not trained, not saved.
import numpy as np
import tensorflow as tf
import keras


@keras.saving.register_keras_serializable(package="tfv106")
class Affine(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.offset = self.add_weight(
            name="offset", shape=(), initializer=keras.initializers.Constant(0.5)
        )  # expect: TFV106

    def build(self, input_shape):
        self.w = self.add_weight(
            name="w", shape=(input_shape[-1], self.units), initializer="ones"
        )  # expect: TFV106
        self.b = self.add_weight(
            name="bias",
            shape=(2,),
            initializer=keras.initializers.Constant(np.full((2,), 0.25, "float32")),
        )  # expect: TFV106

    def call(self, x):
        return tf.matmul(x, self.w) + self.b + self.offset

    def get_config(self):
        return {**super().get_config(), "units": self.units}


@keras.saving.register_keras_serializable(package="tfv106")
class Scaled(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.affine = Affine(2)
        self.scale = self.add_weight(
            name="scale",
            shape=(2,),
            initializer=keras.initializers.Constant(tf.random.normal((2,))),
            trainable=True,
        )  # expect: TFV106

    def call(self, x):
        return self.affine(x) * self.scale


model = Scaled()
model(np.zeros((1, 3), "float32"))
