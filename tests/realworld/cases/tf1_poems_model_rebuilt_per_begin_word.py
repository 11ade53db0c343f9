"""A poem generator rebuilds its whole model in `gen_poem(begin_word)`; the first word works, the second asks `get_variable('embedding')` again.

Source: https://github.com/lucasjinreal/tensorflow_poems/issues/29
Shape: helper, loop, parameter, tf1-graph
Target: tf1
Runtime: raises ValueError: Variable embedding already exists, disallowed
"""

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

vocab = ["^", "$", "春", "夏", "秋", "冬", "风", "月"]
word_int_map = {w: i for i, w in enumerate(vocab)}


def rnn_model(input_data, vocab_size, rnn_size=8):
    embedding = tf.get_variable("embedding", initializer=tf.random_uniform([vocab_size + 1, rnn_size], -1.0, 1.0))
    inputs = tf.nn.embedding_lookup(embedding, input_data)
    weights = tf.get_variable("weights", initializer=tf.truncated_normal([rnn_size, vocab_size + 1]))
    logits = tf.matmul(tf.reshape(inputs, [-1, rnn_size]), weights)
    return tf.nn.softmax(logits)


def gen_poem(begin_word, length=4):
    input_data = tf.placeholder(tf.int32, [1, None])
    prediction = rnn_model(input_data, len(vocab))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        poem = begin_word
        x = np.array([[word_int_map[begin_word]]])
        for _ in range(length):
            probs = sess.run(prediction, {input_data: x})
            word = vocab[int(np.argmax(probs[-1][: len(vocab)]))]
            poem += word
            x = np.array([[word_int_map[word]]])
        return poem


for begin_char in ["春", "秋"]:
    print(gen_poem(begin_char))  # expect: TFV304
