"""A GRU that a package builds (re-exported by its `__init__.py`), read as if its weights were its own.

Source: tfvarfix issue 15 (keras-facts: `lstm.kernel` is an AttributeError in Keras 3, it is `lstm.cell.kernel`)
Shape: package, re-export, helper, get-layer, sequential
Target: keras3
Runtime: raises AttributeError: has no attribute 'recurrent_kernel'
"""

from pkg import build_encoder

encoder = build_encoder()
print(encoder.get_layer("gru").recurrent_kernel.shape)  # expect: TFV103
