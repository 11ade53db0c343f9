"""An image de-raining conditional GAN class defines its perceptual loss as a function nested in `train()`: each call builds a VGG16 and three feature sub-models, and the loss is one of three in the combined model's `compile(loss=['mae', perceptual_loss, 'mse'])`, so `train_on_batch` runs the VGG construction inside Keras's traced train step.

Source: https://github.com/TheLethargicOwl/Single-Image-De-Raining-Keras/issues/14
Shape: class, method, nested-function, closure, loss-list, multi-output, gan, train-on-batch, tf-function
Target: keras3
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import numpy as np
from keras import ops as K  # Keras 3 has no backend.mean; ops.mean is the same call
from keras.applications.vgg16 import VGG16
from keras.layers import BatchNormalization, Concatenate, Conv2D, Conv2DTranspose, Input, LeakyReLU
from keras.models import Model
from keras.optimizers import SGD, Adam


class IDGAN:
    def __init__(self):
        self.img_rows = 32
        self.img_cols = 32
        self.channels = 3
        self.img_shape = (self.img_rows, self.img_cols, self.channels)

        self.discriminator = self.build_discriminator()
        self.disc_out = self.discriminator.output_shape[1:]
        self.generator = self.build_generator()
        self.CGAN_model = self.build_CGAN()

        self.optimizer_cgan = Adam(learning_rate=1e-3, beta_1=0.9, beta_2=0.999, epsilon=1e-08)
        self.optimizer_discriminator = SGD(learning_rate=1e-3, momentum=0.9, nesterov=False)

    def build_CGAN(self):
        self.discriminator.trainable = False
        img_B = Input(shape=self.img_shape)
        fake_A = self.generator(img_B)
        discriminator_output = self.discriminator([fake_A, img_B])
        return Model(inputs=[img_B], outputs=[fake_A, fake_A, discriminator_output], name="CGAN")

    def build_discriminator(self):
        def d_layer(layer_input, filters, f_size=4, bn=True):
            d = Conv2D(filters, kernel_size=f_size, strides=2, padding="same")(layer_input)
            d = LeakyReLU(negative_slope=0.2)(d)
            if bn:
                d = BatchNormalization(momentum=0.8)(d)
            return d

        img_A = Input(shape=self.img_shape)
        img_B = Input(shape=self.img_shape)
        combined_imgs = Concatenate(axis=-1)([img_A, img_B])
        d1 = d_layer(combined_imgs, 8, bn=False)
        d2 = d_layer(d1, 16)
        out = Conv2D(1, kernel_size=3, padding="same", activation="sigmoid")(d2)
        return Model([img_A, img_B], out)

    def build_generator(self):
        def Conv2d(layer_input, no_filters, kernel, stride, bn=False, padding="same"):
            d = Conv2D(no_filters, kernel_size=kernel, strides=stride, padding=padding, activation="relu")(layer_input)
            if bn:
                d = BatchNormalization(momentum=0.8)(d)
            return d

        inp = Input(shape=self.img_shape)
        down = Conv2d(inp, 8, 3, 2, bn=True)
        up = Conv2DTranspose(8, kernel_size=4, strides=2, padding="same", activation="relu")(down)
        out = Conv2D(self.channels, kernel_size=3, padding="same", activation="tanh")(up)
        return Model(inp, out)

    def load_batch(self, batch_size, n_batches=2):
        for _ in range(n_batches):
            imgs_A = np.random.uniform(-1, 1, (batch_size,) + self.img_shape).astype("float32")
            imgs_B = np.random.uniform(-1, 1, (batch_size,) + self.img_shape).astype("float32")
            yield imgs_A, imgs_B

    def train(self, epochs, batch_size=2):
        def perceptual_loss(img_true, img_generated):
            image_shape = self.img_shape
            vgg = VGG16(include_top=False, weights=None, input_shape=image_shape)  # expect: TFV401
            loss_block3 = Model(inputs=vgg.input, outputs=vgg.get_layer("block3_conv3").output)
            loss_block3.trainable = False
            loss_block2 = Model(inputs=vgg.input, outputs=vgg.get_layer("block2_conv2").output)
            loss_block2.trainable = False
            loss_block1 = Model(inputs=vgg.input, outputs=vgg.get_layer("block1_conv2").output)
            loss_block1.trainable = False
            return (
                K.mean(K.square(loss_block1(img_true) - loss_block1(img_generated)))
                + 2 * K.mean(K.square(loss_block2(img_true) - loss_block2(img_generated)))
                + 5 * K.mean(K.square(loss_block3(img_true) - loss_block3(img_generated)))
            )

        self.discriminator.trainable = False
        self.generator.compile(loss=perceptual_loss, optimizer=self.optimizer_cgan)

        CGAN_loss = ["mae", perceptual_loss, "mse"]
        CGAN_loss_weights = [6.6e-3, 1, 6.6e-3]
        self.CGAN_model.compile(loss=CGAN_loss, loss_weights=CGAN_loss_weights, optimizer=self.optimizer_cgan)

        self.discriminator.trainable = True
        self.discriminator.compile(loss="mse", optimizer=self.optimizer_discriminator)

        valid = np.ones((batch_size,) + self.disc_out)
        fake = np.zeros((batch_size,) + self.disc_out)
        for epoch in range(epochs):
            for batch_i, (imgs_A, imgs_B) in enumerate(self.load_batch(batch_size)):
                fake_A = self.generator.predict(imgs_B, verbose=0)
                d_loss_real = self.discriminator.train_on_batch([imgs_A, imgs_B], valid)
                d_loss_fake = self.discriminator.train_on_batch([fake_A, imgs_B], fake)
                d_loss = 0.5 * np.add(d_loss_real, d_loss_fake)

                self.CGAN_model.trainable = True
                self.discriminator.trainable = False
                g_loss = self.CGAN_model.train_on_batch(imgs_B, [imgs_A, imgs_A, valid])
                print("[Epoch %d/%d] [Batch %d] [D loss: %f] [G loss: %f]" % (epoch, epochs, batch_i, d_loss, g_loss[0]))


gan = IDGAN()
gan.train(epochs=1, batch_size=2)
