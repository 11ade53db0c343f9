"""A `SpatialTransformer` layer takes its localization network (a `Sequential` model) and an output size as constructor arguments and has no `get_config`; Keras 3 cannot record a model passed as a constructor argument as the layer's config, so `model.save` fails before anything is written (and the load with the class in `custom_objects` never gets a file).

Source: https://github.com/keras-team/keras/issues/4871
Shape: custom-layer, sequential, save-load, parameter
Target: keras3
Runtime: raises NotImplementedError: non-serializable argument values
"""

import numpy as np
import keras
from keras import layers, ops


class SpatialTransformer(layers.Layer):  # expect: TFV202
    def __init__(self, localization_net, output_size, **kwargs):
        self.locnet = localization_net
        self.output_size = output_size
        super().__init__(**kwargs)

    def build(self, input_shape):
        self.locnet.build(input_shape)
        super().build(input_shape)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.output_size[0], self.output_size[1], input_shape[-1])

    def call(self, X):
        theta = self.locnet(X)
        scale = ops.reshape(ops.mean(theta, axis=-1), (-1, 1, 1, 1))
        return ops.image.resize(X, self.output_size) * scale


locnet = keras.Sequential([layers.Flatten(), layers.Dense(6)])
model = keras.Sequential()
model.add(keras.Input((32, 32, 1)))
model.add(SpatialTransformer(localization_net=locnet, output_size=(16, 16)))
model.add(layers.Flatten())
model.add(layers.Dense(2))
model.compile(optimizer="adam", loss="mse")
model.predict(np.zeros((1, 32, 32, 1)), verbose=0)
model.save("deep_cnn.keras")
model_deep = keras.models.load_model("deep_cnn.keras", custom_objects={"SpatialTransformer": SpatialTransformer})
print(model_deep.predict(np.zeros((1, 32, 32, 1)), verbose=0).shape)
