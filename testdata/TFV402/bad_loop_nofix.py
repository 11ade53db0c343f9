# Weights made in call() in a loop whose count only call() knows (a parameter of call, LightCTR#5's
# `layers_num`): reported, and no fix is offered (build cannot know the count; moving it to __init__ changes the
# layer's interface and every call site).
import keras
import numpy as np


class PerCall(keras.layers.Layer):
    def call(self, inputs, depth=2):
        for i in range(depth):
            scale = self.add_weight(shape=(inputs.shape[-1],), initializer="ones")  # expect: TFV402
            inputs = inputs * scale
        return inputs


def trained(layer):
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((3,)), layer])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.ones((4, 3), "float32"), np.ones((4, 3), "float32"), verbose=0)
    return [[w.name, *w.shape] for w in layer.weights]


def case_per_call():
    return trained(PerCall())
