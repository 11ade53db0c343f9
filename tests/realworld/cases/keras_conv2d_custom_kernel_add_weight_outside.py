"""To give a Conv2D its own kernel, the reporter calls `add_weight(..., name='kernelA')` on the unbuilt layer; Keras 3 then builds the layer's real `kernel` on the first call and the convolution never reads `kernelA`.

Source: https://github.com/keras-team/keras/issues/18893
Shape: module
Target: keras3
Runtime: silent: the layer holds three weights and its output does not depend on kernelA
"""

import keras
import numpy as np

x = np.random.rand(4, 10, 10, 128).astype("float32")
y = keras.layers.Conv2D(32, 3, activation="relu", kernel_initializer="glorot_uniform")
y.add_weight(shape=(3, 3, 128, 32), initializer="glorot_uniform", name="kernelA", trainable=True)  # expect: TFV101
z = y(x)
print([w.path for w in y.weights])

# --- probe ---
before = keras.ops.convert_to_numpy(y(x))
kernel_a = next(w for w in y.weights if w.name == "kernelA")
kernel_a.assign(keras.ops.zeros_like(kernel_a))
after = keras.ops.convert_to_numpy(y(x))
print("TFVARFIX-BUG" if np.allclose(before, after) else "TFVARFIX-OK")
