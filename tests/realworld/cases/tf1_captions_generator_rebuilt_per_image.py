"""An image-captioning notebook's "generate from image" step builds a new `Caption_Generator` (which makes its BasicLSTMCell in `__init__`) and its sampling graph each time it captions an image; the second image rebuilds `RNN/basic_lstm_cell` in the same default graph.

Source: https://github.com/mlberkeley/oreilly-captions/issues/5
Shape: class-attribute, cell-made-in-init, per-step-loop, helper-per-input, notebook-like, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable RNN/basic_lstm_cell/kernel already exists, disallowed
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"  # tf.compat.v1.nn.rnn_cell needs tf_keras

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

dim_embed = 8
dim_hidden = 8
dim_in = 12
batch_size = 1
maxlen = 5
ixtoword = {i: w for i, w in enumerate(["<s>", "a", "dog", "on", "the", "grass", "."])}
n_words = len(ixtoword)


class Caption_Generator:
    def __init__(self, dim_in, dim_embed, dim_hidden, batch_size, n_lstm_steps, n_words, init_b=None):
        self.dim_in = dim_in
        self.dim_embed = dim_embed
        self.dim_hidden = dim_hidden
        self.batch_size = batch_size
        self.n_lstm_steps = n_lstm_steps
        self.n_words = n_words

        self.word_embedding = tf.Variable(tf.random_uniform([self.n_words, self.dim_embed], -0.1, 0.1), name="word_embedding")
        self.embedding_bias = tf.Variable(tf.zeros([dim_embed]), name="embedding_bias")

        # declare the LSTM itself
        self.lstm = tf.nn.rnn_cell.BasicLSTMCell(dim_hidden)

        self.img_embedding = tf.Variable(tf.random_uniform([dim_in, dim_hidden], -0.1, 0.1), name="img_embedding")
        self.img_embedding_bias = tf.Variable(tf.zeros([dim_hidden]), name="img_embedding_bias")
        self.word_encoding = tf.Variable(tf.random_uniform([dim_hidden, n_words], -0.1, 0.1), name="word_encoding")
        if init_b is not None:
            self.word_encoding_bias = tf.Variable(init_b, name="word_encoding_bias")
        else:
            self.word_encoding_bias = tf.Variable(tf.zeros([n_words]), name="word_encoding_bias")

    def build_generator(self, maxlen, batchsize=1):
        img = tf.placeholder(tf.float32, [self.batch_size, self.dim_in])
        image_embedding = tf.matmul(img, self.img_embedding) + self.img_embedding_bias
        state = self.lstm.zero_state(batchsize, dtype=tf.float32)

        all_words = []
        with tf.variable_scope("RNN"):
            # the first step sees the image embedding, later steps the previous word
            output, state = self.lstm(image_embedding, state)
            previous_word = tf.nn.embedding_lookup(self.word_embedding, [0]) + self.embedding_bias

            for i in range(maxlen):
                tf.get_variable_scope().reuse_variables()
                out, state = self.lstm(previous_word, state)
                logit = tf.matmul(out, self.word_encoding) + self.word_encoding_bias
                best_word = tf.argmax(logit, 1)
                previous_word = tf.nn.embedding_lookup(self.word_embedding, best_word) + self.embedding_bias
                all_words.append(best_word)

        return img, all_words


def read_image_features(path):
    """Stands in for cropping the image and running it through VGG-16 up to fc7."""
    rng = np.random.RandomState(len(path))
    return rng.rand(1, dim_in).astype("float32")


def caption_image(image_path):
    # the notebook's "build the generator" cell, re-run for every new image
    caption_generator = Caption_Generator(dim_in, dim_hidden, dim_embed, batch_size, maxlen + 2, n_words)
    image, generated_words = caption_generator.build_generator(maxlen=maxlen)

    sess = tf.InteractiveSession()
    tf.global_variables_initializer().run()  # sanity_check=True: no checkpoint to restore
    fc7 = read_image_features(image_path)
    generated_word_index = np.hstack(sess.run(generated_words, feed_dict={image: fc7}))
    words = [ixtoword[x] for x in generated_word_index]
    sess.close()
    return " ".join(words)


for image_path in ["./acoustic.jpg", "./dog.jpg"]:
    print(image_path, caption_image(image_path))  # expect: TFV304
