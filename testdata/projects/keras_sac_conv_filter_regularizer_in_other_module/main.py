"""A conv net regularises its kernels with a custom Regularizer class that lives in another module (imported as
`sac`) and takes its strength `alpha` in __init__ without a get_config; under Keras 3 the base Regularizer.get_config
raises, so model.save fails before the load the report is about.

Source: https://github.com/keras-team/keras/issues/6744  (the report shows the load and the custom_objects entry
sac.same_conv_filter_penalizer_2MSE; the penalty's body and its `alpha` argument are ours)
Shape: two-module, module, sequential
Target: keras3
Runtime: raises NotImplementedError: does not implement get_config()
"""

import os
import tempfile

import numpy as np
import keras

import sac

model = keras.Sequential(
    [
        keras.Input((8, 8, 1)),
        keras.layers.Conv2D(4, 3, activation="relu", kernel_regularizer=sac.same_conv_filter_penalizer_2MSE(0.01)),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(1),
    ]
)
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(4, 8, 8, 1), np.random.rand(4, 1), epochs=1, verbose=0)

path = os.path.join(tempfile.mkdtemp(), "weights.keras")
model.save(path)
model = keras.models.load_model(path, custom_objects={"same_conv_filter_penalizer_2MSE": sac.same_conv_filter_penalizer_2MSE})
