# One built layer called on inputs of another width: its weights were made for the first input's last
# dimension, and Keras raises `expected axis -1 of input shape to have value N`.
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers


class Bottleneck(layers.Layer):
    def __init__(self, growth):
        super().__init__()
        self.conv1 = layers.Conv2D(4 * growth, 1, padding="same")
        self.conv2 = layers.Conv2D(growth, 3, padding="same")
        self.norm = layers.BatchNormalization()

    def call(self, x):
        y = self.norm(self.conv1(x))
        return self.norm(self.conv2(y))  # expect: TFV102


def case_one_norm_after_two_convolutions():
    return Bottleneck(4)(np.zeros((2, 8, 8, 3), "float32"))


def case_one_dense_for_two_inputs():
    question = keras.Input((3,))
    answer = keras.Input((5,))
    project = layers.Dense(4)
    left = project(question)
    right = project(answer)  # expect: TFV102
    return keras.Model([question, answer], [left, right])


def case_in_a_loop():
    norm = layers.LayerNormalization()
    outputs = []
    for width in (6, 2):
        outputs.append(norm(np.zeros((1, width), "float32")))  # expect: TFV102
    return outputs
