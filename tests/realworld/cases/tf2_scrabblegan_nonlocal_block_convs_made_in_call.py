"""ScrabbleGAN's `NonLocalBlock` (a SAGAN self-attention block) constructs its four 1x1 `Conv2D` layers inside `call()` and calls them at once; the generator puts one such block after each residual block named in `blocks_with_attention`. Building the functional generator and the eager training loop (its `@tf.function` commented out) work, each eager call making fresh convolutions that nothing trains, but saving the trained generator in the TensorFlow format traces the model's call, which makes the convolutions' variables again inside a `tf.function`.

Source: https://github.com/Nikolai10/scrabble-gan/issues/7
Shape: custom-layer, local-layer-in-call, helper, loop, functional, savedmodel
Target: tf_keras
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf
import tf_keras as keras
from tf_keras import layers


class NonLocalBlock(layers.Layer):
    def __init__(self, name, k_reg):
        super(NonLocalBlock, self).__init__(name="NonLocalBlock" + "_" + name)
        self.k_reg = k_reg

    def build(self, input_shape):
        self.sigma = self.add_weight(name="sigma", shape=[], initializer="zeros", trainable=True)

    def _spatial_flatten(self, inputs):
        shape = inputs.shape
        return tf.reshape(inputs, (tf.shape(inputs)[0], -1, shape[3]))

    def call(self, input):
        h, w, num_channels = input.get_shape().as_list()[1:]
        num_channels_attn = num_channels // 8
        num_channels_g = num_channels // 2

        theta = layers.Conv2D(filters=num_channels_attn, kernel_size=(1, 1), use_bias=False, padding="same",  # expect: TFV402
                              kernel_initializer=tf.initializers.orthogonal(), kernel_regularizer=self.k_reg,
                              name="conv2d_theta")(input)
        theta = self._spatial_flatten(theta)

        phi = layers.Conv2D(filters=num_channels_attn, kernel_size=(1, 1), use_bias=False, padding="same",  # expect: TFV402
                            kernel_initializer=tf.initializers.orthogonal(), kernel_regularizer=self.k_reg,
                            name="conv2d_phi")(input)
        phi = layers.MaxPool2D(pool_size=[2, 2], strides=2)(phi)
        phi = self._spatial_flatten(phi)

        attn = tf.nn.softmax(tf.matmul(theta, phi, transpose_b=True))

        g = layers.Conv2D(filters=num_channels_g, kernel_size=(1, 1), use_bias=False, padding="same",  # expect: TFV402
                          kernel_initializer=tf.initializers.orthogonal(), kernel_regularizer=self.k_reg,
                          name="conv2d_g")(input)
        g = layers.MaxPool2D(pool_size=[2, 2], strides=2)(g)
        g = self._spatial_flatten(g)

        attn_g = tf.matmul(attn, g)
        attn_g = tf.reshape(attn_g, [tf.shape(attn_g)[0], h, -1, num_channels_g])
        attn_g = layers.Conv2D(filters=num_channels, kernel_size=(1, 1), use_bias=False, padding="same",  # expect: TFV402
                               kernel_initializer=tf.initializers.orthogonal(), kernel_regularizer=self.k_reg,
                               name="conv2d_attn_g")(attn_g)
        return self.sigma * attn_g + input

    def get_config(self):
        config = super(NonLocalBlock, self).get_config()
        config.update({"k_reg": self.k_reg})
        return config


def res_block_up(name, net, filters):
    net = layers.UpSampling2D()(net)
    return layers.Conv2D(filters, 3, padding="same", name=name + "_conv")(tf.nn.relu(net))


def make_generator(latent_dim, kernel_reg, blocks_with_attention):
    z = keras.Input(shape=(latent_dim,))
    net = layers.Reshape((4, 4, 16))(layers.Dense(4 * 4 * 16)(z))
    for block_idx, name in enumerate(["B1", "B2"]):
        net = res_block_up(name, net, 16)
        if name in blocks_with_attention:
            net = NonLocalBlock(name, kernel_reg)(net)
    net = layers.Conv2D(1, 3, padding="same", activation="tanh")(net)
    return keras.Model(z, net)


# Notice the use of `tf.function`
# @tf.function
def train_step(images, generator, generator_optimizer, latent_dim):
    noise = tf.random.normal([images.shape[0], latent_dim])
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(generator(noise, training=True) - images))
    grads = tape.gradient(loss, generator.trainable_variables)
    generator_optimizer.apply_gradients(zip(grads, generator.trainable_variables))
    return loss


def train(dataset, generator, generator_optimizer, epochs, model_path, latent_dim):
    for epoch_idx in range(epochs):
        for image_batch in dataset:
            train_step(image_batch, generator, generator_optimizer, latent_dim)
    generator.save(model_path + "generator_{}".format(epochs), save_format="tf")


latent_dim = 8
generator = make_generator(latent_dim, keras.regularizers.l2(1e-4), blocks_with_attention=("B2",))
images = np.random.rand(8, 16, 16, 1).astype("float32")
train([images[:4], images[4:]], generator, keras.optimizers.Adam(1e-4), 2, "./", latent_dim)
