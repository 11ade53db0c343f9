"""To combine a sentiment model trained earlier on one review set with a fresh one, the script loads the saved Sequential, builds a new Sequential beside it in a new session and adds both on one shared input; the new model gets the same auto name as the loaded one, and renaming the inner layers in a loop does not touch the models' own names.

Source: https://github.com/keras-team/keras/issues/12187
Shape: load-model, clear-session, sequential-autoname, layers-index, set-weights, rename-loop, nested-models, functional
Target: keras3
Runtime: raises ValueError: The name "sequential" is used 2 times in the model
"""

import keras
import numpy as np
from keras.layers import LSTM, Add, Bidirectional, Dense, Dropout, Embedding, Input
from keras.models import Model, Sequential, load_model

max_words, embedding_dim, maxlen = 50, 8, 10
sequences = np.random.randint(0, max_words, (16, maxlen))
labels = np.random.randint(0, 2, (16, 2)).astype("float32")
embedding_matrix = np.random.rand(max_words, embedding_dim).astype("float32")


def train_books_model(path):
    books = Sequential()
    books.add(Input((maxlen,)))
    books.add(Embedding(max_words, embedding_dim))
    books.add(Bidirectional(LSTM(4)))
    books.add(Dense(2, activation="sigmoid"))
    books.compile(optimizer="rmsprop", loss="binary_crossentropy")
    books.fit(sequences, labels, epochs=1, verbose=0)
    books.save(path)


# an earlier run trained and saved the model; this script starts a fresh session
train_books_model("saved_model_books.keras")
keras.backend.clear_session()

saved_model = load_model("saved_model_books.keras")
for layer in saved_model.layers:
    layer.trainable = False

model = Sequential()  # expect: TFV104
model.add(Input((maxlen,)))
model.add(Embedding(max_words, embedding_dim))
model.add(Bidirectional(LSTM(4)))
model.add(Dropout(0.6))
model.add(Dense(2, activation="sigmoid"))

model.layers[0].set_weights([embedding_matrix])
model.layers[0].trainable = False

for layer in model.layers:
    layer.name = layer.name + str("_2")

commonInput = Input((maxlen,))
out1 = saved_model(commonInput)
out2 = model(commonInput)

merged = Add()([out1, out2])
newModel = Model(commonInput, merged)
newModel.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["acc"])
newModel.fit(sequences, labels, epochs=1, batch_size=8, verbose=0)
