"""A Mish activation layer (the Mish repository's TF-Keras version: `__init__(self)` with no `**kwargs`, no `get_config`) is used in a pretraining model that is saved to HDF5; the cross-validation loop's `create_model` loads that file back with `custom_objects`, and loading builds `Mish(**config)` from the base config's `trainable` and `dtype`, which `__init__` cannot take.

Source: https://github.com/digantamisra98/Mish/issues/10
Shape: custom-layer, helper, loop, parameter, functional, save-load
Target: keras3
Runtime: raises TypeError: Error when deserializing class 'Mish'
"""

import numpy as np
import tensorflow as tf
import keras
from keras.layers import Dense, Input, Layer
from keras.models import Model, load_model


class Mish(Layer):  # expect: TFV202
    """Mish activation: x * tanh(softplus(x))."""

    def __init__(self):
        super(Mish, self).__init__()

    def call(self, inputs):
        return inputs * tf.math.tanh(tf.math.softplus(inputs))


def root_mse(y_true, y_pred):
    return keras.ops.sqrt(keras.ops.mean(keras.ops.square(y_pred - y_true)))


def build_backbone(n_features):
    inp = Input((n_features,))
    x = Dense(16)(inp)
    x = Mish()(x)
    x = Dense(8)(x)
    x = Mish()(x)
    out = Dense(1)(x)
    return Model(inp, out)


def pretrain(x, y):
    model = build_backbone(x.shape[1])
    model.compile(optimizer="adam", loss=root_mse)
    model.fit(x, y, epochs=1, verbose=0)
    model.save("effnet_pretrain.h5")


def create_model(n_features, pretrain=False, freeze_weights=False):
    if pretrain:
        model = load_model("effnet_pretrain.h5", custom_objects={"root_mse": root_mse, "Mish": Mish})
    else:
        model = build_backbone(n_features)
    if freeze_weights:
        for layer in model.layers[:-1]:
            layer.trainable = False
    model.compile(optimizer="adam", loss=root_mse)
    return model


def regression_cv(x, y, nfolds=2, pretrain=False, freeze_weights=False):
    scores = []
    folds = np.array_split(np.arange(len(x)), nfolds)
    for fold in folds:
        train = np.setdiff1d(np.arange(len(x)), fold)
        model = create_model(x.shape[1], pretrain=pretrain, freeze_weights=freeze_weights)
        model.fit(x[train], y[train], epochs=1, verbose=0)
        scores.append(float(model.evaluate(x[fold], y[fold], verbose=0)))
    return scores


rng = np.random.default_rng(0)
x = rng.normal(size=(32, 6)).astype("float32")
y = rng.normal(size=(32, 1)).astype("float32")
pretrain(x, y)
print(regression_cv(x, y, nfolds=2, pretrain=True, freeze_weights=True))
