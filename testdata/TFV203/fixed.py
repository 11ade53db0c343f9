# A bias_initializer whose forget-gate slice unit_forget_bias=True (the default) replaces with 1.0.
import tensorflow as tf
from tensorflow import keras

tf.keras.utils.set_random_seed(3)
inputs = keras.Input((5, 2))
constant = keras.layers.LSTM(
    4, bias_initializer=keras.initializers.Constant(0.25), name="constant", unit_forget_bias=False
)  # expect: TFV203
explicit = keras.layers.LSTM(4, bias_initializer="random_normal", unit_forget_bias=False, name="explicit")  # expect: TFV203
model = keras.Model(inputs, [constant(inputs), explicit(inputs)])
