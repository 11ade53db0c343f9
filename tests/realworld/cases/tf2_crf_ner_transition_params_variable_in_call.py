"""A BiLSTM-CRF tagger's `call()` wraps the CRF transition matrix in a fresh `tf.Variable` on every call; the `tf.function` training step traces its first call again after variables were made, and the call makes another one.

Source: https://github.com/saiwaiyanyu/bi-lstm-crf-ner-tf2.0/issues/2
Shape: subclassed, class-attribute, tf-function, helper
Target: keras3
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import numpy as np
import tensorflow as tf


def crf_log_likelihood(inputs, tag_indices, sequence_lengths):
    # stand-in for tensorflow_addons.text.crf_log_likelihood: a score per sequence and the transition matrix
    num_tags = inputs.shape[-1]
    transition_params = tf.random.uniform((num_tags, num_tags))
    one_hot = tf.one_hot(tag_indices, num_tags)
    scores = tf.reduce_sum(inputs * one_hot, axis=[1, 2])
    return scores - tf.cast(sequence_lengths, tf.float32), transition_params


class NerModel(tf.keras.Model):
    def __init__(self, hidden_num, vocab_size, label_size, embedding_size):
        super(NerModel, self).__init__()
        self.num_hidden = hidden_num
        self.vocab_size = vocab_size
        self.label_size = label_size
        self.transition_params = None
        self.embedding = tf.keras.layers.Embedding(vocab_size, embedding_size)
        self.biLSTM = tf.keras.layers.Bidirectional(tf.keras.layers.LSTM(hidden_num, return_sequences=True))
        self.dense = tf.keras.layers.Dense(label_size)
        self.dropout = tf.keras.layers.Dropout(0.5)

    def call(self, text, labels=None, training=None):
        text_lens = tf.math.reduce_sum(tf.cast(tf.math.not_equal(text, 0), dtype=tf.int32), axis=-1)
        inputs = self.embedding(text)
        inputs = self.dropout(inputs, training=training)
        logits = self.dense(self.biLSTM(inputs))

        if labels is not None:
            label_sequences = tf.convert_to_tensor(labels, dtype=tf.int32)
            log_likelihood, self.transition_params = crf_log_likelihood(logits, label_sequences, text_lens)
            self.transition_params = tf.Variable(self.transition_params, trainable=False)  # expect: TFV402
            return logits, text_lens, log_likelihood
        else:
            return logits, text_lens


model = NerModel(hidden_num=8, vocab_size=20, label_size=5, embedding_size=6)
optimizer = tf.keras.optimizers.Adam(1e-3)


@tf.function
def train_one_step(text_batch, labels_batch):
    with tf.GradientTape() as tape:
        logits, text_lens, log_likelihood = model(text_batch, labels_batch, training=True)
        loss = -tf.reduce_mean(log_likelihood)
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))
    return loss, logits, text_lens


# the batches are padded to their own longest sentence, so each length traces the step again
rng = np.random.default_rng(0)
for length in (7, 9):
    text_batch = rng.integers(1, 20, size=(4, length)).astype("int32")
    labels_batch = rng.integers(0, 5, size=(4, length)).astype("int32")
    loss, logits, text_lens = train_one_step(text_batch, labels_batch)
    print(length, float(loss))
