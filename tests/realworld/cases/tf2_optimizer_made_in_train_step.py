"""The training step builds a fresh Adam optimizer on every call inside `@tf.function`; its variables cannot be made there.

Source: https://github.com/tensorflow/tensorflow/issues/27120
Shape: tf-function, parameter, loop, subclassed
Target: keras3
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import tensorflow as tf


class Seq2Seq(tf.keras.Model):
    def __init__(self, units, vocab):
        super().__init__()
        self.embed = tf.keras.layers.Embedding(vocab, units)
        self.rnn = tf.keras.layers.GRU(units)
        self.out = tf.keras.layers.Dense(vocab)

    def call(self, tokens):
        return self.out(self.rnn(self.embed(tokens)))


@tf.function
def train_one_step(model, tokens, target):
    optim = tf.keras.optimizers.Adam(0.001)  # expect: TFV401
    with tf.GradientTape() as tape:
        logits = model(tokens)
        loss = tf.reduce_mean(tf.keras.losses.sparse_categorical_crossentropy(target, logits, from_logits=True))
    grads = tape.gradient(loss, model.trainable_variables)
    grads, _ = tf.clip_by_global_norm(grads, 5.0)
    optim.apply_gradients(zip(grads, model.trainable_variables))
    return loss


def train(model):
    tokens = tf.constant([[1, 2, 3], [3, 2, 1]])
    target = tf.constant([1, 2])
    for step in range(2):
        print(step, float(train_one_step(model, tokens, target)))


model = Seq2Seq(4, 5)
model(tf.constant([[1, 2, 3]]))
train(model)
