"""The output bias starts at log(pos/neg) computed from the labels, passed as `bias_initializer` where the layer is made.

Source: https://www.tensorflow.org/tutorials/structured_data/imbalanced_data
Shape: helper, sequential, parameter
Target: keras3
Runtime: runs
"""

import numpy as np
import tensorflow as tf

labels = np.array([0, 0, 0, 0, 0, 0, 1, 0, 0, 1])
neg, pos = np.bincount(labels)
initial_bias = np.log([pos / neg])


def make_model(n_features, output_bias=None):
    if output_bias is not None:
        output_bias = tf.keras.initializers.Constant(output_bias)
    model = tf.keras.Sequential(
        [
            tf.keras.Input((n_features,)),
            tf.keras.layers.Dense(4, activation="relu"),
            tf.keras.layers.Dense(1, activation="sigmoid", bias_initializer=output_bias),
        ]
    )
    model.compile(optimizer="adam", loss="binary_crossentropy")
    return model


model = make_model(3, output_bias=initial_bias)
model.fit(np.random.rand(10, 3), labels, epochs=1, verbose=0)

# --- probe ---
rebuilt = tf.keras.Sequential.from_config(model.get_config())
print("TFVARFIX-OK" if np.allclose(rebuilt.layers[-1].get_weights()[1], initial_bias) else "TFVARFIX-BUG")
