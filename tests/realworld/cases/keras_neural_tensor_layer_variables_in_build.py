"""A neural tensor layer (NTN) makes its bilinear tensor W, its feed-forward matrix V and its bias b as `tf.Variable` attributes in `build` from truncated-normal draws; a Keras 3 layer tracks only Keras variables, so none of them is a layer weight and training leaves all three where they started.

Source: https://github.com/dapurv5/keras-neural-tensor-layer/pull/2
Shape: custom-layer, class-attribute, parameter, functional, fit
Target: keras3
Runtime: silent: the NTN layer has no trainable weights, so fit never updates W, V or b
"""

import numpy as np
import tensorflow as tf
import keras
from keras import ops


class NeuralTensorLayer(keras.layers.Layer):
    def __init__(self, output_dim, input_dim=None, **kwargs):
        self.output_dim = output_dim  # k
        self.input_dim = input_dim  # d
        super(NeuralTensorLayer, self).__init__(**kwargs)

    def build(self, input_shape):
        mean = 0.0
        std = 1.0
        k = self.output_dim
        d = self.input_dim
        initial_W_values = np.clip(np.random.normal(mean, std, size=(k, d, d)), -2 * std, 2 * std).astype("float32")
        initial_V_values = np.clip(np.random.normal(mean, std, size=(2 * d, k)), -2 * std, 2 * std).astype("float32")
        self.W = tf.Variable(initial_W_values)  # expect: TFV106
        self.V = tf.Variable(initial_V_values)  # expect: TFV106
        self.b = tf.Variable(tf.zeros((self.input_dim,)))  # expect: TFV106

    def call(self, inputs):
        e1, e2 = inputs
        k = self.output_dim
        feed_forward_product = ops.matmul(ops.concatenate([e1, e2], axis=1), self.V)
        bilinear_tensor_products = []
        for i in range(k):
            btp = ops.sum((e2 * ops.matmul(e1, self.W[i])) + self.b, axis=1)
            bilinear_tensor_products.append(btp)
        return ops.tanh(ops.stack(bilinear_tensor_products, axis=1)) + feed_forward_product


d, k = 4, 3
e1 = keras.Input((d,))
e2 = keras.Input((d,))
ntn = NeuralTensorLayer(output_dim=k, input_dim=d)
score = keras.layers.Dense(1, activation="sigmoid")(ntn([e1, e2]))
model = keras.Model([e1, e2], score)
model.compile(optimizer="adam", loss="binary_crossentropy")
x1 = np.random.rand(16, d).astype("float32")
x2 = np.random.rand(16, d).astype("float32")
w_before = ntn.W.numpy().copy()
model.fit([x1, x2], np.random.randint(0, 2, (16, 1)), epochs=2, verbose=0)
print("ntn weights:", len(ntn.trainable_weights))
if not ntn.trainable_weights and np.allclose(w_before, ntn.W.numpy()):
    print("TFVARFIX-BUG: W, V and b are not layer weights and were never trained")
