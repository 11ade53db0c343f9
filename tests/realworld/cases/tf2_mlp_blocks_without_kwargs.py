"""A subclassed MLP keeps a list of custom `MLPBlock` layers; neither class takes `**kwargs` or defines `get_config`, so `model.save` refuses the model.

Only `MLP` is the bug: its `sizes` has no default, so Keras 3 cannot derive its config. `MLPBlock` is made by
`MLP.__init__`, which the load runs again: with a `get_config` on `MLP` alone the model saves, loads and predicts
the same (measured, Keras 3.15.1), so `MLPBlock` needs neither `**kwargs` nor a config.

Source: https://github.com/keras-team/keras-core/issues/469
Shape: subclassed, loop, container, class-attribute
Target: keras3
Runtime: raises NotImplementedError: Object MLP was created by passing
"""

import os
import tempfile

import numpy as np
import keras


class MLPBlock(keras.layers.Layer):
    def __init__(self, output_size: int, dropout_rate: float = 0.3):
        super().__init__()
        self.dense = keras.layers.Dense(output_size, activation="leaky_relu")
        self.dropout = keras.layers.Dropout(dropout_rate)

    def call(self, x, training=False):
        return self.dropout(self.dense(x), training=training)


@keras.saving.register_keras_serializable()
class MLP(keras.Model):  # expect: TFV202
    def __init__(self, sizes: list, output_size: int = 2, dropout_rate: float = 0.3):
        super().__init__()
        self.blocks = []
        for size in sizes:
            self.blocks.append(MLPBlock(size, dropout_rate))
        self.dense = keras.layers.Dense(output_size, activation="softmax")

    def call(self, x, training=False):
        for block in self.blocks:
            x = block(x, training=training)
        return self.dense(x)


x = np.random.rand(8, 10).astype("float32")
y = np.random.randint(0, 2, 8)
model = MLP([6, 4])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(x, y, epochs=1, verbose=0)
path = os.path.join(tempfile.mkdtemp(), "model.keras")
model.save(path, overwrite=True)
keras.saving.load_model(path)
