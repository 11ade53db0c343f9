"""A dehazing GAN's perceptual loss builds a VGG16 feature extractor inside the loss function; Keras runs the loss inside its traced train step, so the VGG weights are created inside a `tf.function` and training fails.

Source: https://github.com/tranleanh/edn-gtm/issues/7
Shape: helper, functional, tf-function
Target: keras3
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import numpy as np
import keras
from keras.applications.vgg16 import VGG16
from keras.models import Model

img_size = 32
image_shape = (img_size, img_size, 3)


def l2_loss(y_true, y_pred):
    return keras.ops.mean((y_pred - y_true) ** 2)


def perceptual_loss(y_true, y_pred):
    vgg = VGG16(include_top=False, weights=None, input_shape=image_shape)  # expect: TFV401
    loss_model = Model(inputs=vgg.input, outputs=vgg.get_layer("block3_conv3").output)
    loss_model.trainable = False
    return keras.ops.mean(keras.ops.square(loss_model(y_true) - loss_model(y_pred)))


def perceptual_and_l2_loss(y_true, y_pred):
    return 0.5 * perceptual_loss(y_true, y_pred) + 0.5 * l2_loss(y_true, y_pred)


inp = keras.Input(image_shape)
out = keras.layers.Conv2D(3, 3, padding="same", activation="sigmoid")(keras.layers.Conv2D(4, 3, padding="same")(inp))
generator = keras.Model(inp, out)
generator.compile(optimizer="adam", loss=perceptual_and_l2_loss)
x = np.random.rand(2, img_size, img_size, 3).astype("float32")
generator.fit(x, x, epochs=1, verbose=0)
