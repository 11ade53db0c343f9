"""A conversion script: a model zoo's functional model gets the weights of a subclassed port whose blocks are called
through `.call`; the zoo model and its no-top cut are saved, and none of the port's classes is in a saved model.

Source: https://github.com/leondgarse/keras_cv_attention_models/blob/main/keras_cv_attention_models/efficientnet/convert_effnetv2_model.py
Shape: model from another package's function saved, functional model cut from its layers saved, subclassed blocks called through .call, no get_config
Target: keras3
Runtime: runs
"""

import os
import sys

import keras
import numpy as np
from keras import layers

# The model zoo the script converts into (keras_cv_attention_models' `efficientnet` package), as a module here.
ZOO = '''
import keras
from keras import layers


def NetV2(filters=8, num_classes=10):
    inputs = keras.Input([None, None, 3])
    nn = layers.Conv2D(filters, 3, padding="same", use_bias=False, name="stem_conv")(inputs)
    nn = layers.BatchNormalization(name="stem_bn")(nn)
    nn = layers.Activation("relu", name="stem_relu")(nn)
    nn = layers.GlobalAveragePooling2D(name="avg_pool")(nn)
    nn = layers.Dense(num_classes, name="predictions")(nn)
    return keras.Model(inputs, nn, name="netv2")
'''


class Stem(layers.Layer):
    """Stem layer at the begining of the network."""

    def __init__(self, filters, name=None):
        super().__init__(name=name)
        self._conv_stem = layers.Conv2D(filters, 3, padding="same", use_bias=False)
        self._norm = layers.BatchNormalization()

    def call(self, inputs, training=False):
        return keras.activations.relu(self._norm(self._conv_stem(inputs), training=training))


class Head(layers.Layer):
    """Head layer for network outputs."""

    def __init__(self, num_classes, name=None):
        super().__init__(name=name)
        self._avg_pooling = layers.GlobalAveragePooling2D()
        self._fc = layers.Dense(num_classes)

    def call(self, inputs, training=False):
        return self._fc(self._avg_pooling(inputs))


class NetV2Model(keras.Model):
    """The official definition, ported: a subclassed model, which cannot be saved as h5."""

    def __init__(self, filters=8, num_classes=10, name=None):
        super().__init__(name=name)
        self._stem = Stem(filters)
        self._head = Head(num_classes)

    def call(self, inputs, training=False):
        return self._head.call(self._stem.call(inputs, training=training), training=training)


if __name__ == "__main__":
    with open("zoo_models.py", "w") as f:
        f.write(ZOO)
    sys.path.insert(0, os.getcwd())
    import zoo_models

    """ Define Keras model first just to keep the names start from `0` """
    keras_model = zoo_models.NetV2(filters=8, num_classes=10)

    """ Reload weights with this modified version """
    mm = NetV2Model(8, num_classes=10)
    len(mm(np.ones([1, 16, 16, 3], "float32"), training=False))

    """ Define a new model using `mm.call`, as mm is a subclassed model, cannot be saved as h5 """
    inputs = keras.Input([None, None, 3])
    tt = keras.models.Model(inputs, mm.call(inputs, training=False))
    tt.save("convert_temp_bb.h5")  # This is already a converted one.

    """ Reload convert_temp_bb.h5 using full keras defined model """
    keras_model.load_weights("convert_temp_bb.h5")

    """ Output verification """
    fake_input = np.random.uniform(size=[2, 16, 16, 3]).astype("float32")
    converted_out = keras_model(fake_input)
    test_result = np.allclose(keras.ops.convert_to_numpy(tt(fake_input)), keras.ops.convert_to_numpy(converted_out))
    print(">>>> Allclose:", test_result)
    assert test_result

    """ Save model and notop version """
    keras.models.save_model(keras_model, "netv2.h5")
    keras.models.Model(keras_model.inputs[0], keras_model.layers[-3].output).save("netv2-notop.h5")
    os.remove("convert_temp_bb.h5")

    # Both saved files load back without any of the script's classes.
    reloaded = keras.models.load_model("netv2.h5")
    notop = keras.models.load_model("netv2-notop.h5")
    assert np.allclose(keras.ops.convert_to_numpy(reloaded(fake_input)), keras.ops.convert_to_numpy(converted_out))
    print(notop.output.shape)
