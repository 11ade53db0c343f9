# A Lambda used to put a constant into a functional model (Mask R-CNN's anchors, "a hack to get around Keras's
# bad support for constants"): its function makes a tf.Variable of the value on every call (Mask R-CNN binds the
# Lambda's output to the value's own name; here the value keeps its name, so the original fails only for this).
import keras
import numpy as np
import tensorflow as tf


class ConstantLayer(keras.layers.Layer):
    """Gives the value it was made with, whatever its input: a constant in a functional model."""

    def __init__(self, value, **kwargs):
        super().__init__(**kwargs)
        self.value = value

    def call(self, inputs):
        return tf.constant(self.value)


def case_anchors():
    image = keras.Input((2,))
    anchor_values = np.ones((2, 3, 2), "float32")
    anchors = ConstantLayer(anchor_values, name="anchors")(image)  # expect: TFV402
    offsets = keras.layers.Dense(2, kernel_initializer="zeros")(image)
    boxes = keras.layers.Lambda(lambda t: t[0][:, None, :] + t[1])([offsets, anchors])
    model = keras.Model(image, boxes)
    return model.predict(np.ones((2, 2), "float32"), verbose=0).tolist()


def case_value_from_the_input():
    # It reads its input: not a constant (no fix).
    image = keras.Input((2,))
    state = keras.layers.Lambda(lambda x: tf.Variable(tf.zeros_like(x)))(image)  # expect: TFV402
    model = keras.Model(image, keras.layers.Dense(1)(state))
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((4, 2), "float32"), np.ones((4, 1), "float32"), epochs=1, verbose=0)
