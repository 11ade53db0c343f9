"""Sublayers made lazily on the first call, by a helper method that `call()` runs under a method guard (the
tensorflow-gnn HGTGraphUpdate shape): made once, after the build, into attributes and a dict attribute of the
layer, which Keras 3 refuses on that first call."""

import keras
import tensorflow as tf


class GraphUpdate(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self._units = units
        self._dropout = None
        self._projections = None

    def call(self, x):
        if self._need_init():
            with tf.init_scope():
                self._do_init()
        return self._dropout(self._projections["a"](x))

    def _need_init(self):
        return self._projections is None

    def _do_init(self):
        self._dropout = keras.layers.Dropout(0.1)  # expect: TFV402
        self._projections = {}
        for name in ["a", "b"]:
            self._projections[name] = keras.layers.Dense(self._units)  # expect: TFV402


class Head(keras.layers.Layer):
    def call(self, x):
        if not hasattr(self, "_dense"):
            self._build_head()
        return self._dense(x)

    def _build_head(self):
        self._dense = keras.layers.Dense(2)  # expect: TFV402


def case_graph_update():
    layer = GraphUpdate(4)
    layer(tf.ones((2, 3)))
    return len(layer.trainable_weights)


def case_head():
    layer = Head()
    layer(tf.ones((2, 3)))
    return len(layer.trainable_weights)
