"""pclubiitk/model-zoo's DCGAN (after the review of its PR #16): generator and discriminator are Sequential models
made once by `make_*_model()` helpers, the two Adam optimizers and the checkpoint are made at module level, and the
`@tf.function` `train_step` only calls the models (the discriminator on real and on generated images) and applies
gradients, for every batch of every epoch.

Source: https://github.com/pclubiitk/model-zoo/pull/16
Shape: helper, sequential, tf-function, gan, loop, checkpoint, module
Target: keras3
Runtime: runs
"""

import argparse
import os
import tempfile

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import (
    BatchNormalization,
    Conv2D,
    Conv2DTranspose,
    Dense,
    Dropout,
    Flatten,
    LeakyReLU,
    Reshape,
)
from tensorflow.keras.optimizers import Adam

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=2)
parser.add_argument("--batch_size", type=int, default=4)
parser.add_argument("--noise_dim", type=int, default=8)
parser.add_argument("--lr_gen", type=float, default=0.0002)
parser.add_argument("--lr_disc", type=float, default=0.0002)
args = parser.parse_args([])


def make_generator_model(noise_dim):
    model = tf.keras.Sequential()
    model.add(Dense(2 * 2 * 16, use_bias=False, input_shape=(noise_dim,)))
    model.add(BatchNormalization())
    model.add(LeakyReLU())
    model.add(Reshape((2, 2, 16)))
    model.add(Conv2DTranspose(8, (5, 5), strides=(1, 1), padding="same", use_bias=False))
    model.add(BatchNormalization())
    model.add(LeakyReLU())
    model.add(Conv2DTranspose(4, (5, 5), strides=(2, 2), padding="same", use_bias=False))
    model.add(BatchNormalization())
    model.add(LeakyReLU())
    model.add(Conv2DTranspose(1, (5, 5), strides=(2, 2), padding="same", use_bias=False, activation="tanh"))
    return model


def make_discriminator_model():
    model = tf.keras.Sequential()
    model.add(Conv2D(4, (5, 5), strides=(2, 2), padding="same", input_shape=[8, 8, 1]))
    model.add(LeakyReLU())
    model.add(Dropout(0.3))
    model.add(Conv2D(8, (5, 5), strides=(2, 2), padding="same"))
    model.add(LeakyReLU())
    model.add(Dropout(0.3))
    model.add(Flatten())
    model.add(Dense(1))
    return model


generator = make_generator_model(args.noise_dim)
discriminator = make_discriminator_model()

cross_entropy = tf.keras.losses.BinaryCrossentropy(from_logits=True)


def discriminator_loss(real_output, fake_output):
    real_loss = cross_entropy(tf.ones_like(real_output), real_output)
    fake_loss = cross_entropy(tf.zeros_like(fake_output), fake_output)
    return real_loss + fake_loss


def generator_loss(fake_output):
    return cross_entropy(tf.ones_like(fake_output), fake_output)


generator_optimizer = Adam(learning_rate=args.lr_gen)
discriminator_optimizer = Adam(learning_rate=args.lr_disc)

checkpoint_dir = tempfile.mkdtemp()
checkpoint_prefix = os.path.join(checkpoint_dir, "ckpt")
checkpoint = tf.train.Checkpoint(
    generator_optimizer=generator_optimizer,
    discriminator_optimizer=discriminator_optimizer,
    generator=generator,
    discriminator=discriminator,
)


@tf.function
def train_step(images):
    noise = tf.random.normal([args.batch_size, args.noise_dim])
    with tf.GradientTape() as gen_tape, tf.GradientTape() as disc_tape:
        generated_images = generator(noise, training=True)
        real_output = discriminator(images, training=True)
        fake_output = discriminator(generated_images, training=True)
        gen_loss = generator_loss(fake_output)
        disc_loss = discriminator_loss(real_output, fake_output)
    gradients_of_generator = gen_tape.gradient(gen_loss, generator.trainable_variables)
    gradients_of_discriminator = disc_tape.gradient(disc_loss, discriminator.trainable_variables)
    generator_optimizer.apply_gradients(zip(gradients_of_generator, generator.trainable_variables))
    discriminator_optimizer.apply_gradients(
        zip(gradients_of_discriminator, discriminator.trainable_variables)
    )
    return gen_loss, disc_loss


def train(dataset, epochs):
    history = []
    for epoch in range(epochs):
        for image_batch in dataset:
            gen_loss, disc_loss = train_step(image_batch)
        history.append((float(gen_loss), float(disc_loss)))
        if (epoch + 1) % 2 == 0:
            checkpoint.save(file_prefix=checkpoint_prefix)
    return history


train_images = np.random.uniform(-1, 1, size=(12, 8, 8, 1)).astype("float32")
train_dataset = tf.data.Dataset.from_tensor_slices(train_images).batch(args.batch_size, drop_remainder=True)
history = train(train_dataset, args.epochs)
assert len(history) == args.epochs
assert tf.train.latest_checkpoint(checkpoint_dir) is not None
print(history)
