"""A conversion script hands its own head layer to a model zoo's function, which builds the model the script saves:
the saved model holds the script's `Head`, which has no `get_config` and whose `__init__` takes no `**kwargs`.

Source: https://github.com/leondgarse/keras_cv_attention_models/blob/main/keras_cv_attention_models/efficientnet/convert_effnetv2_model.py
Shape: model from another package's function saved, program layer instance passed to that function, no get_config
Target: keras3
Runtime: raises TypeError: Could not locate class 'Head'
"""

import os
import sys

import keras
import numpy as np
from keras import layers

# The model zoo (keras_cv_attention_models' `efficientnet` package), as a module here: it takes a head layer.
ZOO = '''
import keras
from keras import layers


def NetV2(filters=8, head=None):
    inputs = keras.Input([None, None, 3])
    nn = layers.Conv2D(filters, 3, padding="same", use_bias=False, name="stem_conv")(inputs)
    nn = layers.BatchNormalization(name="stem_bn")(nn)
    nn = layers.Activation("relu", name="stem_relu")(nn)
    nn = head(nn)
    return keras.Model(inputs, nn, name="netv2")
'''


class Head(layers.Layer):  # expect: TFV202
    """Head layer for network outputs."""

    def __init__(self, num_classes, name=None):
        super().__init__(name=name)
        self._avg_pooling = layers.GlobalAveragePooling2D()
        self._fc = layers.Dense(num_classes)

    def call(self, inputs, training=False):
        return self._fc(self._avg_pooling(inputs))


if __name__ == "__main__":
    with open("zoo_models.py", "w") as f:
        f.write(ZOO)
    sys.path.insert(0, os.getcwd())
    import zoo_models

    keras_model = zoo_models.NetV2(filters=8, head=Head(10))
    fake_input = np.random.uniform(size=[2, 16, 16, 3]).astype("float32")
    print(keras_model(fake_input).shape)
    keras.models.save_model(keras_model, "netv2.keras")
    reloaded = keras.models.load_model("netv2.keras")
