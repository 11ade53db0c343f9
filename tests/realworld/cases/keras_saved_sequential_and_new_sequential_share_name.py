"""Two sentiment models are combined: one loaded from disk (a Sequential saved in an earlier session, so named "sequential") and a fresh Sequential of the same architecture, which a new session names "sequential" again; the reporter renames every layer of the new model with `layer.name = layer.name + "_2"`, but not the model itself, so the combined functional model holds two sub-models named "sequential".

Source: https://github.com/keras-team/keras/issues/12187
Shape: save-load, sequential, nested-model, rename-loop, functional
Target: keras3
Runtime: raises ValueError: The name "sequential" is used 2 times in the model
"""

import os
import tempfile

import numpy as np
import keras
from keras.layers import LSTM, Add, Bidirectional, Dense, Dropout, Embedding, Input
from keras.models import Sequential, load_model

max_words, embedding_dim, maxlen = 50, 4, 10
path = os.path.join(tempfile.mkdtemp(), "saved_model_books.keras")

# an earlier session trained and saved the first model
first = Sequential()
first.add(Input((maxlen,)))
first.add(Embedding(max_words, embedding_dim))
first.add(Bidirectional(LSTM(4)))
first.add(Dense(2, activation="sigmoid"))
first.compile(optimizer="rmsprop", loss="binary_crossentropy")
first.save(path)
keras.backend.clear_session()

# this session
saved_model = load_model(path)

for layer in saved_model.layers:
    layer.trainable = False

model = Sequential()  # expect: TFV104
model.add(Input((maxlen,)))
model.add(Embedding(max_words, embedding_dim))
model.add(Bidirectional(LSTM(4)))
model.add(Dropout(0.6))
model.add(Dense(2, activation="sigmoid"))

embedding_matrix = np.random.rand(max_words, embedding_dim)
model.layers[0].set_weights([embedding_matrix])
model.layers[0].trainable = False

for layer in model.layers:
    layer.name = layer.name + str("_2")

commonInput = Input((maxlen,))

out1 = saved_model(commonInput)
out2 = model(commonInput)

merged = Add()([out1, out2])
newModel = keras.Model(commonInput, merged)

newModel.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["acc"])
newModel.fit(np.random.randint(0, max_words, (8, maxlen)), np.random.randint(0, 2, (8, 2)), epochs=1, verbose=0)
