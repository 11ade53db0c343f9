"""The policy-network helper shrinks its last layer's kernel by 10x with `K.set_value` after building it; the JSON architecture it is rebuilt from does not know.

Source: https://github.com/joschu/modular_rl/issues/20
Shape: helper, layers-index, sequential, loop
Target: tf_keras
Runtime: silent: the 0.1 scaling is applied by a statement after the build; `model_from_json(net.to_json())` rebuilds the last layer at full glorot scale
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from tensorflow.keras import backend as K  # noqa: E402


def make_mlps(ob_dim, n_actions, hid_sizes=(8, 8)):
    net = tf.keras.Sequential()
    for i, size in enumerate(hid_sizes):
        kwargs = {"input_shape": (ob_dim,)} if i == 0 else {}
        net.add(tf.keras.layers.Dense(size, activation="tanh", **kwargs))
    net.add(tf.keras.layers.Dense(n_actions))
    Wlast = net.layers[-1].kernel
    K.set_value(Wlast, K.get_value(Wlast) * 0.1)  # expect: TFV201
    net.add(tf.keras.layers.Softmax())
    return net


policy = make_mlps(4, 6)

# --- probe ---
rebuilt = tf.keras.models.model_from_json(policy.to_json())
scaled = np.abs(policy.layers[-2].get_weights()[0]).max()
fresh = np.abs(rebuilt.layers[-2].get_weights()[0]).max()
print("TFVARFIX-BUG" if fresh > 3 * scaled else "TFVARFIX-OK")
