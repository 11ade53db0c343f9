"""A convolution tutorial shows what hand-made filters do to a radar image: a helper makes one fixed `tf.keras.layers.Conv2D` per named 3x3 kernel (sharpen, blur, edges) from a dict, giving the values as `weights=[kernel]`; `tf.keras` is Keras 3 under TF 2.21, whose `Conv2D` no longer takes `weights=`, so the first filter layer cannot even be made.

Source: https://github.com/ai2es/WAF_ML_Tutorial_Part2/issues/22
Shape: helper, parameter, dict, loop, sequential
Target: keras3
Runtime: raises ValueError: Unrecognized keyword arguments passed to Conv2D
"""

import numpy as np
import tensorflow as tf

KERNELS = {
    "sharpen": np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], dtype="float32"),
    "blur": np.full((3, 3), 1.0 / 9.0, dtype="float32"),
    "edges": np.array([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]], dtype="float32"),
}


def fixed_filter(name, kernel_weights, image_size=32):
    kernel = kernel_weights.reshape(3, 3, 1, 1)
    conv = tf.keras.layers.Conv2D(  # expect: TFV201
        filters=1,
        kernel_size=3,
        padding="same",
        use_bias=False,
        weights=[kernel],
        name=f"{name}_filter",
    )
    conv.trainable = False
    return tf.keras.Sequential([tf.keras.Input((image_size, image_size, 1)), conv], name=name)


radar = np.random.rand(1, 32, 32, 1).astype("float32")
filtered = {}
for name, kernel_weights in KERNELS.items():
    model = fixed_filter(name, kernel_weights)
    filtered[name] = model.predict(radar, verbose=0)
print({name: float(out.mean()) for name, out in filtered.items()})
