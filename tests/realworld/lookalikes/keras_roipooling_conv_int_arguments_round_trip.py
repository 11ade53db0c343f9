"""A Faster R-CNN `RoiPoolingConv(pool_size, num_rois)` layer has no `get_config`, but its constructor arguments are plain ints handed to `super().__init__(**kwargs)` next to the base arguments: Keras 3 records them itself, so the model saved with the layer loads back with the class in `custom_objects` (the old-Keras failure does not happen).

Source: https://github.com/amir-abdi/keras_to_tensorflow/issues/85
Shape: custom-layer, functional, save-load
Target: keras3
Runtime: runs
"""

import numpy as np
import keras
from keras import layers, ops


class RoiPoolingConv(layers.Layer):
    def __init__(self, pool_size, num_rois, **kwargs):
        self.pool_size = pool_size
        self.num_rois = num_rois
        super().__init__(**kwargs)

    def build(self, input_shape):
        self.nb_channels = input_shape[0][3]

    def compute_output_shape(self, input_shape):
        return None, self.num_rois, self.pool_size, self.pool_size, self.nb_channels

    def call(self, x, mask=None):
        img, rois = x
        outputs = []
        for roi_idx in range(self.num_rois):
            crop = ops.image.resize(img, (self.pool_size, self.pool_size))
            outputs.append(crop * ops.reshape(ops.sum(rois[:, roi_idx, :], axis=-1), (-1, 1, 1, 1)))
        return ops.stack(outputs, axis=1)


img_input = keras.Input((14, 14, 3))
roi_input = keras.Input((4, 4))
pooled = RoiPoolingConv(7, 4)([img_input, roi_input])
out = layers.Dense(2)(layers.Flatten()(pooled))
model = keras.Model([img_input, roi_input], out)
model.save("model_frcnn.keras")
loaded = keras.models.load_model("model_frcnn.keras", custom_objects={"RoiPoolingConv": RoiPoolingConv})
inputs = [np.ones((1, 14, 14, 3)), np.ones((1, 4, 4))]
np.testing.assert_allclose(model.predict(inputs, verbose=0), loaded.predict(inputs, verbose=0), rtol=1e-5)
print(loaded.layers[2].pool_size, loaded.layers[2].num_rois)
