"""To silence a retracing error in attention-based aspect extraction, the model factory `get_compiled_model` (which calls `create_model` and `compile`) is itself decorated with `@tf.function`; building the model's layers inside the traced function is variable creation in a `tf.function`.

Source: https://github.com/madrugado/Attention-Based-Aspect-Extraction/issues/21
Shape: tf-function, helper, functional, get-layer, compile
Target: keras3
Runtime: raises TypeError: To be compatible with tf.function, Python functions must return zero or more Tensors
"""

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

maxlen, vocab_size = 6, 30
optimizer = keras.optimizers.Adam(1e-3)


def max_margin_loss(y_true, y_pred):
    return tf.reduce_mean(y_pred)


def create_model(maxlen, vocab_size):
    sentence_input = keras.Input(shape=(maxlen,), dtype="int32", name="sentence_input")
    word_emb = layers.Embedding(vocab_size, 8, name="word_emb")  # expect: TFV401
    e_w = word_emb(sentence_input)
    y_s = layers.GlobalAveragePooling1D()(e_w)
    p_t = layers.Dense(4, activation="softmax", name="p_t")(y_s)  # expect: TFV401
    return keras.Model(inputs=sentence_input, outputs=p_t)


@tf.function
def get_compiled_model():
    model = create_model(maxlen, vocab_size)
    model.get_layer("word_emb").trainable = False
    model.compile(optimizer=optimizer, loss=max_margin_loss, metrics=[max_margin_loss])
    return model


model = get_compiled_model()
model.fit(np.random.randint(0, vocab_size, (8, maxlen)), np.zeros((8, 4)), epochs=1, verbose=0)
