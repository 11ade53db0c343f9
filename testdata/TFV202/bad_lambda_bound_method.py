# A bound method given to `Lambda` in a model this module saves (keras#13992: a `ModelArchitecture` helper
# wires its own `custom_layer` method with `Lambda(self.custom_layer)`; a classmethod the same). Keras 3 saves a
# method as `{'class_name': 'method', 'config': 'custom_layer'}`, which no load can rebuild, `custom_objects`
# and `safe_mode=False` or not.
import keras
from keras import ops


class ModelArchitecture:
    def __init__(self, features=4):
        self.features = features

    def custom_layer(self, x):
        return x - ops.mean(x, axis=1, keepdims=True)

    @classmethod
    def doubled(cls, x):
        return x * 2.0

    def method(self):
        inputs = keras.Input((self.features,))
        return keras.Model(inputs, keras.layers.Lambda(self.custom_layer)(inputs))  # expect: TFV202

    def via_class(self):
        inputs = keras.Input((self.features,))
        return keras.Model(inputs, keras.layers.Lambda(ModelArchitecture.doubled)(inputs))  # expect: TFV202


def run(folder):
    architecture = ModelArchitecture()
    out = {}
    for name, build in (("method", architecture.method), ("classmethod", architecture.via_class)):
        model = build()
        model.save(f"{folder}/{name}.keras")
        try:
            keras.models.load_model(
                f"{folder}/{name}.keras",
                custom_objects={"custom_layer": architecture.custom_layer, "doubled": ModelArchitecture.doubled},
                safe_mode=False,
            )
            out[name] = "loads"
        except Exception as error:
            out[name] = f"{type(error).__name__}: {error}"
    return out
