# A registered initializer whose arguments all have defaults and no get_config: saving and loading work, and the
# loaded (or cloned) model's initializer is back at the defaults (Keras 3.15 keras.initializers.Identity).
import keras


@keras.saving.register_keras_serializable(package="silent")
class Scaled(keras.initializers.Initializer):  # expect: TFV202
    def __init__(self, gain=1.0):
        self.gain = gain

    def __call__(self, shape, dtype=None):
        return keras.ops.ones(shape, dtype=dtype) * self.gain


def build():
    return keras.Sequential([keras.Input((2,)), keras.layers.Dense(2, kernel_initializer=Scaled(gain=3.0))])
