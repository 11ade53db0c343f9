# An incomplete config in a spelling the fix does not rewrite (the merged dict is returned directly).
import keras


@keras.saving.register_keras_serializable(package="fixtures")
class Scale(keras.layers.Layer):
    def __init__(self, factor, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, x):
        return x * self.factor

    def get_config(self):  # expect: TFV202
        base_config = super().get_config()
        config = {}
        return dict(list(base_config.items()) + list(config.items()))


def case_scaled():
    return keras.Sequential([keras.Input((3,)), Scale(2.0)])
