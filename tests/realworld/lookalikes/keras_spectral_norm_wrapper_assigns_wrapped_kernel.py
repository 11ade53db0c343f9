"""A spectral-normalization wrapper in the style Keras adopted: the wrapper keeps a reference to the wrapped layer's kernel variable on itself (`self.kernel = self.layer.kernel`) and, in training calls, writes the normalised value into that variable with `assign`, so the inner layer keeps owning and tracking its kernel.

Source: https://github.com/keras-team/keras/pull/17648
Shape: subclassed, wrapper, class-attribute, sequential, helper
Target: keras3
Runtime: runs
"""

import keras
import numpy as np
from keras import ops


def l2_normalize(x, eps=1e-12):
    return x / ops.sqrt(ops.maximum(ops.sum(ops.square(x)), eps))


class SpectralNorm(keras.layers.Wrapper):
    def __init__(self, layer, power_iterations=1, **kwargs):
        super().__init__(layer, **kwargs)
        self.power_iterations = power_iterations

    def build(self, input_shape):
        super().build(input_shape)
        if hasattr(self.layer, "kernel"):
            self.kernel = self.layer.kernel
        elif hasattr(self.layer, "embeddings"):
            self.kernel = self.layer.embeddings
        else:
            raise ValueError(f"{type(self.layer).__name__} has neither `kernel` nor `embeddings`")
        self.kernel_shape = self.kernel.shape
        self.vector_u = self.add_weight(
            shape=(1, self.kernel_shape[-1]),
            initializer=keras.initializers.TruncatedNormal(stddev=0.02),
            trainable=False,
            name="vector_u",
        )

    def normalized_weights(self):
        weights = ops.reshape(self.kernel, [-1, self.kernel_shape[-1]])
        vector_u = self.vector_u.value
        for _ in range(self.power_iterations):
            vector_v = l2_normalize(ops.matmul(vector_u, ops.transpose(weights)))
            vector_u = l2_normalize(ops.matmul(vector_v, weights))
        vector_u = ops.stop_gradient(vector_u)
        vector_v = ops.stop_gradient(vector_v)
        sigma = ops.matmul(ops.matmul(vector_v, weights), ops.transpose(vector_u))
        return vector_u, ops.reshape(ops.divide(self.kernel, sigma), self.kernel_shape)

    def call(self, inputs, training=False):
        if training:
            new_vector_u, new_kernel = self.normalized_weights()
            self.vector_u.assign(new_vector_u)
            self.kernel.assign(new_kernel)
        return self.layer(inputs)

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)


discriminator = keras.Sequential(
    [
        keras.Input((16, 16, 3)),
        SpectralNorm(keras.layers.Conv2D(8, 3, strides=2, padding="same")),
        keras.layers.LeakyReLU(negative_slope=0.2),
        SpectralNorm(keras.layers.Conv2D(8, 3, strides=2, padding="same")),
        keras.layers.LeakyReLU(negative_slope=0.2),
        keras.layers.Flatten(),
        SpectralNorm(keras.layers.Dense(1)),
    ]
)
discriminator.compile(optimizer="adam", loss=keras.losses.BinaryCrossentropy(from_logits=True))
images = np.random.rand(8, 16, 16, 3).astype("float32")
labels = np.random.randint(0, 2, size=(8, 1)).astype("float32")
discriminator.fit(images, labels, epochs=1, batch_size=4, verbose=0)

first = discriminator.layers[0]
assert first.kernel is first.layer.kernel
assert any(w is first.layer.kernel for w in discriminator.trainable_weights)
s = np.linalg.svd(keras.ops.convert_to_numpy(first.layer.kernel).reshape(-1, 8), compute_uv=False)[0]
print("top singular value after fit:", float(s))
