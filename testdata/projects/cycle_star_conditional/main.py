"""An LSTM built through an import cycle and a conditional import, read as if its weights were its own.

Source: tfvarfix issue 15 (import cycles, star imports, conditional imports, a module that does not parse)
Shape: module, cycle, star-import, conditional-import, helper, get-layer
Target: keras3
Runtime: raises AttributeError: has no attribute 'kernel'
"""

try:
    from fast import build
except ImportError:
    from slow import build
from shapes import *  # noqa: F403

try:
    import legacy  # does not parse: its names are unknown, and this module is still checked
except SyntaxError:
    legacy = None

model = build(UNITS)  # noqa: F405
print(model.get_layer("rnn").kernel.shape)  # expect: TFV103
