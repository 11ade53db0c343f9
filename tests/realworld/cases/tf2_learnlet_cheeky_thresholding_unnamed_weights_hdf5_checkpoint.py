"""A learnlet denoiser puts one `CheekyDynamicHardThresholding` layer on every detail band; its `build` makes two weights with `add_weight` and no `name` (their initializers are closures over `alpha_init`, their constraint a custom class): under tf_keras both are `Variable:0` inside the layer, so the `ModelCheckpoint` that saves the whole model to an `.hdf5` file at the end of the epoch cannot write them.

Source: https://github.com/zaccharieramzi/understanding-unets/issues/15
Shape: custom-layer, helper, loop, closure-initializer, custom-constraint, functional, callback
Target: tf_keras
Runtime: raises ValueError: name already exists
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf
import tf_keras as krs
from tf_keras import backend as K
from tf_keras.callbacks import ModelCheckpoint
from tf_keras.constraints import Constraint
from tf_keras.layers import Conv2D, Input, Layer, ReLU
from tf_keras.models import Model


class AlphaConstraint(Constraint):
    def __init__(self, max_value=5):
        self.max_value = max_value

    def __call__(self, w):
        norms = K.sqrt(tf.math.reduce_sum(tf.math.square(w)))
        desired = K.clip(norms, 0, self.max_value)
        w = w * (desired / (K.epsilon() + norms))
        return w * tf.cast(tf.math.greater_equal(w, 0.0), K.floatx())

    def get_config(self):
        return {"max_value": self.max_value}


class CheekyDynamicHardThresholding(Layer):
    def __init__(self, alpha_init, **kwargs):
        super().__init__(**kwargs)
        self.alpha_init = alpha_init

    def build(self, input_shape):
        def _alpha_thresh_initializer(shape, **kwargs):
            return tf.ones(shape) * self.alpha_init

        def _alpha_bias_initializer(shape, **kwargs):
            return tf.ones(shape) * (self.alpha_init - 1.0)

        self.alpha_thresh = self.add_weight(
            shape=(1,),
            initializer=_alpha_thresh_initializer,
            trainable=True,
            constraint=AlphaConstraint(5.0),
        )
        self.alpha_bias = self.add_weight(  # expect: TFV202
            shape=(1,),
            initializer=_alpha_bias_initializer,
            trainable=True,
            constraint=AlphaConstraint(5.0),
        )

    def call(self, inputs):
        image, noise_std = inputs
        threshold = tf.expand_dims(tf.expand_dims(self.alpha_thresh * noise_std, axis=-1), axis=-1)
        bias = tf.expand_dims(tf.expand_dims(self.alpha_bias * noise_std, axis=-1), axis=-1)
        input_sign = K.sign(image)
        soft_thresh_unsigned = ReLU()(input_sign * image - threshold)
        hard_thresh_unsigned = soft_thresh_unsigned + K.sign(soft_thresh_unsigned) * bias
        return hard_thresh_unsigned * input_sign

    def get_config(self):
        config = super().get_config()
        config.update({"alpha_init": self.alpha_init})
        return config


def learnlet(input_size, n_scales=2, denoising_activation="cheeky_dynamic_hard_thresholding"):
    image_noisy = Input(input_size)
    noise_std = Input((1,))
    details = [Conv2D(4, 3, padding="same", name=f"analysis_{i}")(image_noisy) for i in range(n_scales)]
    thresholded = []
    for detail in details:
        if denoising_activation == "cheeky_dynamic_hard_thresholding":
            thresholding_layer = CheekyDynamicHardThresholding(3.0, trainable=True)
        thresholded.append(thresholding_layer([detail, noise_std]))
    denoised = Conv2D(1, 3, padding="same", name="synthesis")(krs.layers.concatenate(thresholded))
    model = Model([image_noisy, noise_std], denoised)
    model.compile(optimizer="adam", loss="mse")
    return model


model = learnlet((16, 16, 1))
x = np.random.rand(8, 16, 16, 1).astype("float32")
std = np.full((8, 1), 0.1, dtype="float32")
chkpt_cback = ModelCheckpoint("learnlet-{epoch:02d}.hdf5", save_weights_only=False)
model.fit([x + 0.1 * np.random.randn(*x.shape), std], x, epochs=1, batch_size=4, callbacks=[chkpt_cback], verbose=0)
