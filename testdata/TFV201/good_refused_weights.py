# Near misses in Keras 3: the layers whose constructor takes `weights=` (Embedding, Bidirectional), and the
# values given to the initializers instead.
import numpy as np
import keras
from keras import layers


def case_embedding():
    inputs = keras.Input((3,), dtype="int32")
    table = np.arange(8, dtype="float32").reshape(4, 2)
    return keras.Model(inputs, layers.Embedding(4, 2, weights=[table])(inputs))


def case_bidirectional():
    inputs = keras.Input((5, 2))
    forward = [np.ones((2, 4)), np.ones((1, 4)), np.zeros(4)]
    backward = [np.zeros((2, 4)), np.zeros((1, 4)), np.zeros(4)]
    wrapper = layers.Bidirectional(layers.SimpleRNN(4), weights=forward + backward)
    return keras.Model(inputs, wrapper(inputs))


def case_conv_initializers():
    inputs = keras.Input((1, 1, 1))
    conv = layers.Conv2D(
        1,
        1,
        kernel_initializer=keras.initializers.Constant(-0.8888),
        bias_initializer=keras.initializers.Constant(0.0),
    )
    return keras.Model(inputs, conv(inputs))
