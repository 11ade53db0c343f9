"""A gating network scales its input by a learned weight made with `K.variable` inside the function given to `Lambda`; the Lambda owns no weight (the summary shows 0 parameters), and tf_keras refuses a variable created inside a Lambda.

Source: https://github.com/keras-team/keras/issues/4608
Shape: functional, helper, lambda, output-shape-function
Target: tf_keras
Runtime: raises ValueError: were created within a Lambda layer
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf
import tensorflow.keras.backend as K
from tensorflow.keras.layers import Activation, Dense, Input, Lambda
from tensorflow.keras.models import Model

N = 11
my_input = Input(shape=(N,), name="input")


def scale(x):
    w = K.variable(1.0, name="w_g")  # expect: TFV402
    return tf.multiply(x, w)


def scale_output_shape(input_shape):
    return input_shape


hidden = Dense(N, name="gate_logits")(my_input)
scaled = Lambda(scale, scale_output_shape, name="softmax_scale")(hidden)
my_out = Activation("softmax", name="softmax")(scaled)
gating = Model(inputs=my_input, outputs=my_out, name="gating")
gating.summary()
gating.compile(optimizer="adam", loss="categorical_crossentropy")
rng = np.random.RandomState(0)
gating.fit(rng.rand(8, N), np.eye(N)[rng.randint(0, N, size=8)], verbose=0)
