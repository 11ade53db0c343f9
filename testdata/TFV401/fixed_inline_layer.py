# A tf.function that makes its layers inline as it calls them (tensorflow#36504: `return Dense(10)(x)` in a
# decorated model function): every trace makes a new Dense and new variables, and the first call raises. The
# Flatten owns no variable and is left alone.
import numpy as np
import tensorflow as tf
import keras


dense = keras.layers.Dense(3, kernel_initializer="ones")


@tf.function
def model_fn(images):
    x = keras.layers.Flatten()(images)
    return dense(x)  # expect: TFV401


batch = np.ones([2, 2, 2, 1], dtype=np.float32)
outputs = [model_fn(batch).numpy().tolist() for _ in range(2)]
