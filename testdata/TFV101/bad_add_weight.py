# A weight added to a built-in layer from outside: the layer's call never reads it (keras#18893).
import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(2)
x = np.random.rand(2, 6, 6, 4).astype("float32")
conv = keras.layers.Conv2D(3, 3, kernel_initializer="glorot_uniform")
conv.add_weight(shape=(3, 3, 4, 3), initializer="ones", name="kernelA", trainable=True)  # expect: TFV101
y = conv(x)

# Kept in a variable, but only printed and compared by identity: nothing computes with it either.
dense = keras.layers.Dense(2)
own_kernel = dense.add_weight(shape=(4, 2), initializer="zeros", name="kernel0")  # expect: TFV101
z = dense(np.ones((1, 4), "float32"))
print(dense.kernel is own_kernel, own_kernel.shape)
