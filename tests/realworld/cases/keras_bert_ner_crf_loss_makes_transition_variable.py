"""A BERT-style NER fine-tune swaps its classification loss for a CRF log-likelihood; the CRF helper, given no `transition_params`, makes a new transitions `tf.Variable` each time the loss runs, which is inside `fit`'s traced train step.

Source: https://github.com/tensorflow/models/issues/9302
Shape: factory, closure, helper, parameter, compile, fit
Target: keras3
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import numpy as np
import keras
import tensorflow as tf

TRAIN_BATCH_SIZE = 4
MAX_SEQ_LENGTH = 6
NUM_LABELS = 5
HIDDEN_SIZE = 8


def crf_log_likelihood(inputs, tag_indices, sequence_lengths, transition_params=None):
    """The log-likelihood of tag sequences under a linear-chain CRF (the transitions are learned when not given)."""
    num_tags = inputs.shape[2]
    if transition_params is None:
        initializer = keras.initializers.GlorotUniform()
        transition_params = tf.Variable(initializer([num_tags, num_tags]), name="transitions")  # expect: TFV401
    tag_indices = tf.cast(tag_indices, tf.int32)
    mask = tf.sequence_mask(sequence_lengths, maxlen=tf.shape(tag_indices)[1], dtype=inputs.dtype)
    unary_scores = tf.reduce_sum(tf.gather(inputs, tag_indices, batch_dims=2) * mask, axis=1)
    pairs = tf.stack([tag_indices[:, :-1], tag_indices[:, 1:]], axis=-1)
    binary_scores = tf.reduce_sum(tf.gather_nd(transition_params, pairs) * mask[:, 1:], axis=1)
    log_norm = tf.reduce_sum(tf.reduce_logsumexp(inputs, axis=2) * mask, axis=1)
    return unary_scores + binary_scores - log_norm, transition_params


def get_loss_fn(max_seq_length, num_classes):
    """Gets the NER loss function."""

    def ner_loss_fn(labels, logits):
        seq_lengths = tf.constant([max_seq_length] * TRAIN_BATCH_SIZE)
        log_likelihood, transition_params = crf_log_likelihood(logits, labels, seq_lengths)
        loss = tf.reduce_mean(-log_likelihood)
        return loss

    return ner_loss_fn


def token_classifier(num_labels):
    encoder_output = keras.Input((MAX_SEQ_LENGTH, HIDDEN_SIZE), name="sequence_output")
    x = keras.layers.Dropout(0.1)(encoder_output)
    logits = keras.layers.Dense(num_labels, name="predictions_transform_logits")(x)
    return keras.Model(encoder_output, logits, name="bert_token_classifier")


def run_keras_compile_fit(model, loss_fn, x, y, epochs):
    model.compile(optimizer=keras.optimizers.Adam(2e-5), loss=loss_fn)
    return model.fit(x, y, batch_size=TRAIN_BATCH_SIZE, epochs=epochs, verbose=0)


rng = np.random.RandomState(0)
features = rng.rand(8, MAX_SEQ_LENGTH, HIDDEN_SIZE).astype("float32")
labels = rng.randint(0, NUM_LABELS, size=(8, MAX_SEQ_LENGTH))
classifier = token_classifier(NUM_LABELS)
history = run_keras_compile_fit(classifier, get_loss_fn(MAX_SEQ_LENGTH, NUM_LABELS), features, labels, epochs=1)
print(history.history["loss"])
