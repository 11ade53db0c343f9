"""A registered custom layer builds its Dense layers in `build()` as a list of lists (one inner list per block, the inner list appended to `self.blocks` while still empty and filled afterwards) and its `call()` walks both levels; Keras 3 tracks the outer list but never sees the Dense layers added to the plain inner lists, so the model has no weights: `fit` trains nothing and `.keras` saves nothing (the reporter, Keras 3.7, saw the reloaded model's outputs differ; the flat-list variant of the same layer works).

Source: https://github.com/keras-team/keras/issues/20598
Shape: custom-layer, build, nested-list, loop, helper, functional, save-load, registered
Target: keras3
Runtime: silent: the Dense layers held in the inner lists are not in the model's weights, so fit never trains them
"""

import numpy as np
import keras


@keras.saving.register_keras_serializable(package="Blocks")
class NestedBlocks(keras.layers.Layer):
    def __init__(self, n_blocks=2, per_block=2, units=10, **kwargs):
        super().__init__(**kwargs)
        self.n_blocks = n_blocks
        self.per_block = per_block
        self.units = units

    def build(self, input_shape):
        self.blocks = []
        for i in range(self.n_blocks):
            block = []
            self.blocks.append(block)
            for j in range(self.per_block):
                block.append(keras.layers.Dense(self.units, name=f"dense_{i}_{j}"))  # expect: TFV106

    def call(self, x):
        for block in self.blocks:
            for dense in block:
                x = dense(x)
        return x

    def get_config(self):
        config = super().get_config()
        config.update({"n_blocks": self.n_blocks, "per_block": self.per_block, "units": self.units})
        return config


@keras.saving.register_keras_serializable(package="Blocks")
class FlatBlocks(keras.layers.Layer):
    def build(self, input_shape):
        self.denses = []
        for i in range(4):
            self.denses.append(keras.layers.Dense(10, name=f"dense_{i}"))

    def call(self, x):
        for dense in self.denses:
            x = dense(x)
        return x


def get_model(nested=True):
    inputs = keras.Input(shape=(4,))
    block = NestedBlocks() if nested else FlatBlocks()
    outputs = block(inputs)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer="adam", loss="mse")
    return model


x = np.random.rand(32, 4).astype("float32")
y = np.random.rand(32, 10).astype("float32")
flat = get_model(nested=False)
flat.fit(x, y, epochs=2, verbose=0)

model = get_model(nested=True)
first = model.layers[1].blocks[0][0]
before = first.kernel.numpy().copy()
model.fit(x, y, epochs=2, verbose=0)
model.save("nested.keras")
restored = keras.models.load_model("nested.keras")

if len(model.trainable_weights) == 0 or np.array_equal(before, first.kernel.numpy()):
    print("TFVARFIX-BUG: nested Dense layers untracked:", len(model.trainable_weights), "weights", len(flat.weights))
