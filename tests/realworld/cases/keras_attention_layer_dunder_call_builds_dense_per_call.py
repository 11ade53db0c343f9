"""The keras-attention package's `Attention(units)` layer (its March 2021 release) overrides `__call__` instead of `call` and builds its score `Dense`, the `Lambda`/`Dot`/`Activation` steps and the output `Dense` anew on every call; a user adds it to a `Sequential` LSTM stack (`model.add(Attention(32))`). The reporter (TF 2.5) got "tried to create variables on non-first call" in `fit`; under Keras 3 the Sequential's graph runs the two Dense layers made by that one call, but the `Attention` layer owns no weights, so they are not in `model.trainable_weights`: `fit` never trains them and `count_params()` leaves them out.

Source: https://github.com/philipperemy/keras-attention/issues/56
Shape: custom-layer, dunder-call, sequential, fit
Target: keras3
Runtime: silent: the attention Dense kernels are used by the model but are not its trainable weights, so fit leaves them unchanged
"""

import numpy as np
import keras
from keras.layers import Activation, Concatenate, Dense, Dot, Dropout, Lambda, Layer, LSTM


class Attention(Layer):
    def __init__(self, units=128, **kwargs):
        self.units = units
        super().__init__(**kwargs)

    def __call__(self, inputs):
        hidden_states = inputs
        hidden_size = int(hidden_states.shape[2])
        score_first_part = Dense(hidden_size, use_bias=False, name="attention_score_vec")(hidden_states)  # expect: TFV402
        h_t = Lambda(lambda x: x[:, -1, :], output_shape=(hidden_size,), name="last_hidden_state")(hidden_states)
        score = Dot(axes=[1, 2], name="attention_score")([h_t, score_first_part])
        attention_weights = Activation("softmax", name="attention_weight")(score)
        context_vector = Dot(axes=[1, 1], name="context_vector")([hidden_states, attention_weights])
        pre_activation = Concatenate(name="attention_output")([context_vector, h_t])
        return Dense(self.units, use_bias=False, activation="tanh", name="attention_vector")(pre_activation)  # expect: TFV402

    def get_config(self):
        return {"units": self.units}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


timesteps, features = 6, 11
model = keras.Sequential()
model.add(keras.Input(shape=(timesteps, features)))
model.add(LSTM(16, return_sequences=True))
model.add(Dropout(0.2))
model.add(LSTM(8, return_sequences=True))
model.add(Attention(32))
model.add(Dense(16))
model.add(Dense(1))
model.compile(loss="mse", optimizer="adam")
x = np.random.rand(16, timesteps, features).astype("float32")
y = np.random.rand(16, 1).astype("float32")
model.fit(x, y, epochs=1, verbose=0)

graph = model._functional
score_vec = next(layer for layer in graph.layers if layer.name == "attention_score_vec")
before = score_vec.kernel.numpy().copy()
model.fit(x, y, epochs=2, verbose=0)
tracked = {id(w) for w in model.trainable_weights}
if id(score_vec.kernel) not in tracked and np.array_equal(before, score_vec.kernel.numpy()):
    print("TFVARFIX-BUG: attention Dense untrained;", len(model.trainable_weights), "of", len(graph.trainable_weights), "weights")
