"""A `Lambda` is given a helper that loops over its list of inputs and makes a new `Dense` for each one, then sums them; the layers are made on every call, the model owns none of them, and `fit`'s traced step refuses them.

Source: https://github.com/keras-team/keras/issues/3599
Shape: functional, helper, loop, container, parameter, lambda
Target: keras3
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import numpy as np
import keras
import tensorflow as tf
from keras.layers import Add, Dense, Input, Lambda
from keras.models import Model


def dense_fn(data_arr, output_dims):
    out_arr = []
    for layer in data_arr:
        out_dense = Dense(output_dims)(layer)  # expect: TFV402
        out_arr.append(out_dense)
    return tf.add_n(out_arr)


numeric_columns = 10
input = Input(shape=(numeric_columns,), name="numeric_input")

concat_layers = []
hidden = input
concat_layers.append(hidden)
hidden = Dense(10)(hidden)
concat_layers.append(hidden)
hidden = Lambda(dense_fn, output_shape=(10,), arguments={"output_dims": 10})(concat_layers)
concat_layers.append(hidden)
hidden = Add()([hidden, input])

model = Model(inputs=input, outputs=hidden)
print("trainable weights:", len(model.trainable_weights))
model.compile(optimizer="adam", loss="mse")
rng = np.random.RandomState(0)
model.fit(rng.rand(16, numeric_columns), rng.rand(16, 10), batch_size=8, epochs=1, verbose=0)
print(keras.ops.convert_to_numpy(model(rng.rand(2, numeric_columns))).shape)
