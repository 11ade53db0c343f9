# Found by tests/test_safe_fix_differential.py: a Keras 3 SimpleRNN's cell draws its dropout seed from Python's
# `random` before it makes its initializers, so the generated initializer (made before the layer) takes that draw
# and the kernel's other elements change. The fix is offered, marked unsafe.
import keras
import numpy as np

keras.utils.set_random_seed(0)
rnn = keras.layers.SimpleRNN(4, name="rnn")
rnn.build((None, 5, 4))
rnn.cell.kernel[0, 0].assign(0.5)  # expect: TFV201
print(np.round(rnn.cell.kernel.numpy(), 4))
