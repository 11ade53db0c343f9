# Found by tests/test_safe_fix_differential.py: a Keras 3 SimpleRNN's cell draws its dropout seed from Python's
# `random` before it makes its initializers, so the generated initializer (made before the layer) takes that draw
# and the kernel's other elements change. The fix is offered, marked unsafe.
import keras
import numpy as np


@keras.utils.register_keras_serializable()
class RnnKernelInitializer(keras.initializers.Initializer):
    """`glorot_uniform`, then the values once assigned to `kernel` after the build."""

    def __init__(self):
        self.base = keras.initializers.GlorotUniform()

    def __call__(self, shape, dtype=None, **kwargs):
        kernel = np.array(self.base(shape, dtype=dtype, **kwargs))
        kernel[0, 0] = 0.5
        return kernel

    def get_config(self):
        return {}


keras.utils.set_random_seed(0)
rnn = keras.layers.SimpleRNN(4, name="rnn", kernel_initializer=RnnKernelInitializer())
rnn.build((None, 5, 4))
print(np.round(rnn.cell.kernel.numpy(), 4))
