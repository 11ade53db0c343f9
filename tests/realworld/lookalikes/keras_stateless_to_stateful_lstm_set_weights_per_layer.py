"""Training an LSTM stateless and predicting with it stateful, as the thread settles it: the same stack is built a
second time by one helper, now `stateful=True` on a fixed batch of 1 and any length, and each trained layer's
`get_weights()` goes into the matching layer of the new model through `model2.layers[nb].set_weights(...)` (the
shapes agree: only the batch and time dimensions differ).

Source: https://github.com/keras-team/keras/issues/5714
Shape: helper, parameter, sequential, model-layers, enumerate, loop, set-weights, stateful
Target: keras3
Runtime: runs
"""

import numpy as np
from tensorflow import keras

seq_length = 6
feat_dim = 3


def build_model(stateful, batch_size=None, timesteps=seq_length):
    model = keras.Sequential()
    model.add(keras.Input(batch_shape=(batch_size, timesteps, feat_dim)))
    model.add(keras.layers.LSTM(8, return_sequences=True, stateful=stateful))
    model.add(keras.layers.LSTM(4, return_sequences=True, stateful=stateful))
    model.add(keras.layers.TimeDistributed(keras.layers.Dense(1)))
    return model


model = build_model(stateful=False)
model.compile(optimizer="rmsprop", loss="mse")
x = np.random.rand(16, seq_length, feat_dim).astype("float32")
model.fit(x, np.random.rand(16, seq_length, 1), epochs=1, verbose=0)

model2 = build_model(stateful=True, batch_size=1, timesteps=None)
for nb, layer in enumerate(model.layers):
    model2.layers[nb].set_weights(layer.get_weights())

sequence = np.random.rand(1, 10, feat_dim).astype("float32")
whole = model.predict(sequence, verbose=0)
model2.layers[0].reset_states()
model2.layers[1].reset_states()
steps = [model2.predict(sequence[:, t : t + 1], verbose=0) for t in range(sequence.shape[1])]
assert np.allclose(np.concatenate(steps, axis=1), whole, atol=1e-5)
print(whole.shape, len(steps))
