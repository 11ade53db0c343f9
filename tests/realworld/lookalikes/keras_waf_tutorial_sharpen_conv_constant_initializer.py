"""The fix the tutorial's reader posted: the sharpen kernel goes in through `kernel_initializer=tf.constant_initializer(kernel_weights)`; TF's own constant initializer reshapes the nine values to the `(3, 3, 1, 1)` kernel, so the convolution starts (and, not trainable, stays) at the hand-made filter.

Source: https://github.com/ai2es/WAF_ML_Tutorial_Part2/issues/22
Shape: module, sequential, initializer
Target: keras3
Runtime: runs
"""

import numpy as np
import tensorflow as tf

kernel_weights = np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]])

kernel_init = tf.constant_initializer(kernel_weights)

conv = tf.keras.layers.Conv2D(
    filters=1, kernel_size=3, input_shape=(260, 260, 1), kernel_initializer=kernel_init, use_bias=False
)
conv.trainable = False
model = tf.keras.Sequential([conv])

image = np.random.rand(1, 260, 260, 1).astype("float32")
out = model.predict(image, verbose=0)
kernel = conv.get_weights()[0]
assert kernel.shape == (3, 3, 1, 1)
assert np.allclose(kernel[:, :, 0, 0], kernel_weights)
print(out.shape, kernel[:, :, 0, 0])
