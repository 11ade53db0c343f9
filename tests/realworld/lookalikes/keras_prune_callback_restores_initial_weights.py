"""A pruning callback saves every layer's initial weights on the first batch and writes them back, masked, on later runs; the values come from the model itself, so nothing is detached or lost.

Source: https://github.com/keras-team/keras/issues/16700
Shape: callback, loop, layers-index, class-attribute
Target: keras3
Runtime: runs
"""

import numpy as np
from tensorflow import keras
from tensorflow.keras.callbacks import Callback
from tensorflow.keras.layers import Dense
from tensorflow.keras.models import Sequential


class pruneModelCallback(Callback):
    def __init__(self, init_weight_dict=None, mask_dict=None):
        self.n_batches = 0
        self.init_weight_dict = init_weight_dict
        self.mask_dict = mask_dict

    def on_train_batch_begin(self, batch, logs=None):
        # save weights at initialization
        if self.n_batches == 0:
            if self.init_weight_dict is not None:
                for layer_i in range(len(self.model.layers)):
                    w = self.init_weight_dict["w_" + str(layer_i + 1)]
                    b = self.init_weight_dict["b_" + str(layer_i + 1)]
                    if self.mask_dict is not None:
                        w = w * self.mask_dict["w_" + str(layer_i + 1)]
                    self.model.layers[layer_i].set_weights([w, b])
            else:
                self.init_weight_dict = {}
                for layer_i in range(len(self.model.layers)):
                    w = self.model.layers[layer_i].get_weights()[0]
                    b = self.model.layers[layer_i].get_weights()[1]
                    self.init_weight_dict["w_" + str(layer_i + 1)] = w
                    self.init_weight_dict["b_" + str(layer_i + 1)] = b
        self.n_batches = self.n_batches + 1


def build_model():
    model = Sequential([keras.Input((6,)), Dense(8, activation="relu"), Dense(3, activation="softmax")])
    model.compile(optimizer="adam", loss="categorical_crossentropy")
    return model


rng = np.random.default_rng(0)
x = rng.normal(size=(32, 6)).astype("float32")
y = keras.utils.to_categorical(rng.integers(0, 3, 32), 3)

model = build_model()
first = pruneModelCallback()
model.fit(x, y, epochs=1, batch_size=8, callbacks=[first], verbose=0)

masks = {k: (np.abs(v) > 0.1).astype("float32") for k, v in first.init_weight_dict.items() if k.startswith("w_")}
pruned = build_model()
pruned.fit(x, y, epochs=1, batch_size=8, callbacks=[pruneModelCallback(first.init_weight_dict, masks)], verbose=0)
print(len(pruned.get_weights()))
