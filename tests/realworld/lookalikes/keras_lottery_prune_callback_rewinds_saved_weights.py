"""A lottery-ticket callback saves each layer's weights at the first training batch and on later batches writes them back through `set_weights` multiplied by a pruning mask; the values come from the layers themselves, not constants, so this is no initializer in disguise.

Source: https://github.com/keras-team/tf-keras/issues/551
Shape: callback, loop, model.layers[i], dict, set_weights
Target: tf_keras
Runtime: runs
"""

import os

os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf
from tensorflow.keras.callbacks import Callback
from tensorflow.keras.layers import Dense
from tensorflow.keras.models import Sequential


class PruneModelCallback(Callback):
    def __init__(self, init_weight_dict=None, mask_dict=None):
        super().__init__()
        self.n_batches = 0
        self.init_weight_dict = init_weight_dict
        self.mask_dict = mask_dict

    def on_train_batch_begin(self, batch, logs=None):
        if self.n_batches == 0:
            self.init_weight_dict = {}
            for layer_i in range(len(self.model.layers)):
                w, b = self.model.layers[layer_i].get_weights()
                self.init_weight_dict["w_" + str(layer_i + 1)] = w
                self.init_weight_dict["b_" + str(layer_i + 1)] = b
        elif self.mask_dict is not None:
            for layer_i in range(len(self.model.layers)):
                w = self.init_weight_dict["w_" + str(layer_i + 1)] * self.mask_dict["w_" + str(layer_i + 1)]
                b = self.init_weight_dict["b_" + str(layer_i + 1)]
                self.model.layers[layer_i].set_weights([w, b])
        self.n_batches += 1


model = Sequential([tf.keras.Input((4,)), Dense(3, activation="relu"), Dense(1)])
model.compile(optimizer="sgd", loss="mse")
masks = {"w_1": np.ones((4, 3), "float32"), "w_2": np.ones((3, 1), "float32")}
callback = PruneModelCallback(mask_dict=masks)
model.fit(np.ones((8, 4), "float32"), np.ones((8, 1), "float32"), batch_size=4, epochs=1, verbose=0, callbacks=[callback])
assert callback.n_batches == 2 and set(callback.init_weight_dict) == {"w_1", "b_1", "w_2", "b_2"}
