# A model keeps the RNN it wraps in Bidirectional as an attribute and reads that object's cell weights: the
# wrapper builds a copy, so the held RNN is never built. The fix reads the copy the wrapper built.
import numpy as np
import keras


class Tagger(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.forward_rnn = keras.layers.RNN(keras.layers.LSTMCell(3), return_sequences=True)
        self.backward_rnn = keras.layers.RNN(keras.layers.LSTMCell(3), return_sequences=True, go_backwards=True)
        self.bi = keras.layers.Bidirectional(self.forward_rnn, backward_layer=self.backward_rnn)
        self.head = keras.layers.Dense(2)

    def call(self, x):
        return self.head(self.bi(x))

    def kernel_penalty(self):
        forward = keras.ops.sum(keras.ops.square(self.bi.forward_layer.cell.kernel))  # expect: TFV103
        backward = keras.ops.sum(keras.ops.square(self.backward_rnn.cell.kernel))
        return forward + backward


def case_penalty():
    tagger = Tagger()
    tagger(np.ones((2, 4, 5), "float32"))
    expected = float(np.sum(np.square(tagger.bi.forward_layer.cell.kernel)))
    expected += float(np.sum(np.square(tagger.bi.backward_layer.cell.kernel)))
    return bool(np.isclose(float(tagger.kernel_penalty()), expected))
