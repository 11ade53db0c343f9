# Near misses in Keras 3: the layer whose constructor takes `weights=` and writes them (Embedding), and the
# values given to the initializers instead. (Bidirectional takes `weights=` too but never writes them: see
# bad_bidirectional_weights.py.)
import numpy as np
import keras
from keras import layers


def case_embedding():
    inputs = keras.Input((3,), dtype="int32")
    table = np.arange(8, dtype="float32").reshape(4, 2)
    return keras.Model(inputs, layers.Embedding(4, 2, weights=[table])(inputs))


def case_conv_initializers():
    inputs = keras.Input((1, 1, 1))
    conv = layers.Conv2D(
        1,
        1,
        kernel_initializer=keras.initializers.Constant(-0.8888),
        bias_initializer=keras.initializers.Constant(0.0),
    )
    return keras.Model(inputs, conv(inputs))
