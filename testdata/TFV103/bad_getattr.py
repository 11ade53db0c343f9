# A recurrent weight named in a constant string: `getattr(layer, "kernel")` is the read `layer.kernel`, and
# `setattr(layer, "bias", v)` the store `layer.bias = v`. Both on the LSTM instead of its cell (Keras 3, tf_keras).
import numpy as np
import tensorflow as tf
import keras


def case_getattr_after_build():
    lstm = keras.layers.LSTM(4, name="enc")
    lstm(np.zeros((2, 3, 5), "float32"))
    return getattr(lstm, "kernel").shape.as_list()  # expect: TFV103


def case_getattr_on_get_layer():
    model = keras.Sequential([keras.Input((3, 5)), keras.layers.LSTM(4, name="lstm")])
    return getattr(model.get_layer("lstm"), "recurrent_kernel").shape.as_list()  # expect: TFV103


def case_dump_gate_weights():
    # A weight dump over the names of the layer's three weights.
    model = keras.Sequential([keras.Input((3, 5)), keras.layers.GRU(2, name="gru")])
    layer = model.get_layer("gru")
    shapes = {}
    for name in ("kernel", "recurrent_kernel", "bias"):
        shapes[name] = getattr(layer, name).shape.as_list()  # expect: TFV103
    return shapes


def case_setattr_bias():
    encoder = keras.layers.LSTM(2, name="encoder")
    model = keras.Sequential([keras.Input((3, 4)), encoder])
    setattr(encoder, "bias", tf.Variable(np.ones(8, "float32")))  # expect: TFV103
    tracked = [w for w in model.weights if w.name.endswith("bias") or w.path.endswith("bias")]
    return np.asarray(tracked[0]).tolist()
