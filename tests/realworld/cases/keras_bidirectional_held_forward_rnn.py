"""A tagger keeps the RNN it wrapped in Bidirectional as an attribute and regularises that object's cell kernel, which is never built.

Source: https://github.com/tensorflow/tensorflow/issues/39497
Shape: subclassed, class-attribute, parameter, helper
Target: keras3
Runtime: raises AttributeError: 'LSTMCell' object has no attribute 'kernel'
"""

import keras


class BiRNNTagger(keras.Model):
    def __init__(self, vocab_size, embedding_dim, cell_creator, num_tags, **kwargs):
        super().__init__(**kwargs)
        self.embedding = keras.layers.Embedding(vocab_size, embedding_dim, mask_zero=True)
        self.forward_rnn_layer = keras.layers.RNN(cell_creator(), return_sequences=True)
        self.backward_rnn_layer = keras.layers.RNN(cell_creator(), return_sequences=True, go_backwards=True)
        self.bi_rnn_layer = keras.layers.Bidirectional(self.forward_rnn_layer, backward_layer=self.backward_rnn_layer)
        self.fc = keras.layers.Dense(num_tags)

    def call(self, tokens):
        return self.fc(self.bi_rnn_layer(self.embedding(tokens)))

    def kernel_penalty(self):
        forward = keras.ops.sum(keras.ops.square(self.forward_rnn_layer.cell.kernel))  # expect: TFV103
        backward = keras.ops.sum(keras.ops.square(self.backward_rnn_layer.cell.kernel))
        return forward + backward


tagger = BiRNNTagger(vocab_size=20, embedding_dim=4, cell_creator=lambda: keras.layers.LSTMCell(3), num_tags=5)
tagger(keras.ops.ones((2, 7), dtype="int32"))
print(float(tagger.kernel_penalty()))
