"""To use its own kernel, the script adds a weight to a Conv2D with add_weight before the layer is built; on the first
call Conv2D builds and creates its own `kernel`, and the forward pass never reads the added one.

Source: https://github.com/keras-team/keras/issues/18893
Shape: module, notebook-like
Target: keras3
Runtime: silent: the convolution uses its own fresh kernel, not the weight added for it (probe TFVARFIX-BUG)
"""

import numpy as np
import keras

x = np.random.rand(2, 6, 6, 4).astype("float32")
conv = keras.layers.Conv2D(3, 3, activation="relu", kernel_initializer="glorot_uniform")
custom_kernel = conv.add_weight(shape=(3, 3, 4, 3), initializer="glorot_uniform", name="kernelA", trainable=True)  # expect: TFV101
y = conv(x)

# --- probe ---
print([w.path for w in conv.weights])
print("TFVARFIX-BUG" if conv.kernel is not custom_kernel and len(conv.weights) == 3 else "TFVARFIX-OK")
