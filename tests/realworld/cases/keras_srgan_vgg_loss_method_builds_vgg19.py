"""An SRGAN training script's `VGG_LOSS` object builds the VGG19 feature extractor inside its `vgg_loss` method (freezing every layer in a loop, then cutting a sub-model at `block5_conv4`), and the generator is compiled with the bound method `loss.vgg_loss`; `fit` runs the loss inside its traced train step, so VGG19's weights are created inside a `tf.function` and training fails.

Source: https://github.com/plaidml/plaidml/issues/379
Shape: class, bound-method-loss, loop, get-layer, functional, tf-function
Target: keras3
Runtime: raises ValueError: tf.function only supports singleton tf.Variables created on the first call
"""

import numpy as np
import keras
import keras.applications as kapp
from keras.layers import Activation, Conv2D, Input
from keras.models import Model


class VGG_LOSS(object):
    def __init__(self, image_shape):
        self.image_shape = image_shape

    # computes VGG loss or content loss
    def vgg_loss(self, y_true, y_pred):
        vgg19 = kapp.VGG19(include_top=False, weights=None, input_shape=self.image_shape)  # expect: TFV401
        vgg19.trainable = False
        # Make trainable as False
        for l in vgg19.layers:
            l.trainable = False
        model = Model(inputs=vgg19.input, outputs=vgg19.get_layer("block5_conv4").output)
        model.trainable = False
        return keras.ops.mean(keras.ops.square(model(y_true) - model(y_pred)))


def get_generator(image_shape):
    gen_input = Input(shape=image_shape)
    model = Conv2D(filters=8, kernel_size=3, padding="same")(gen_input)
    model = Conv2D(filters=3, kernel_size=3, padding="same")(model)
    return Model(inputs=gen_input, outputs=Activation("tanh")(model))


def train(epochs, batch_size, image_shape):
    x_train_hr = np.random.rand(4, *image_shape).astype("float32")
    x_train_lr = np.random.rand(4, *image_shape).astype("float32")
    loss = VGG_LOSS(image_shape)
    generator = get_generator(image_shape)
    generator.compile(loss=loss.vgg_loss, optimizer=keras.optimizers.Adam(learning_rate=1e-4))
    generator.fit(x_train_lr, x_train_hr, epochs=epochs, batch_size=batch_size, verbose=0)


train(1, 2, (32, 32, 3))
