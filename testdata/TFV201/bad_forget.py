# Found by tests/test_safe_fix_differential.py: with `unit_forget_bias=True` (the default) Keras builds an LSTM's
# bias from `bias_initializer((units,))`, ones, `bias_initializer((2 * units,))`, so `Constant(0.25)` alone gave
# the forget gate ones where the edit wrote 0.25. The fix passes `unit_forget_bias=False` with the initializer;
# an element edit of such a bias gets no fix (its forget-gate slice is ones, not the initializer's zeros).
import numpy as np
import tensorflow as tf

encoder = tf.keras.layers.LSTM(2, name="encoder")
encoder.build((None, 4, 3))
encoder.cell.bias.assign(np.full((8,), 0.25, "float32"))  # expect: TFV201

decoder = tf.keras.layers.LSTM(2, name="decoder")
decoder.build((None, 4, 3))
decoder.cell.bias[0].assign(0.5)  # expect: TFV201
print(encoder.cell.bias.numpy(), decoder.cell.bias.numpy())
