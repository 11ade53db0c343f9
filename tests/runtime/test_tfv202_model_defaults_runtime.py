"""TFV202 under real Keras 3: a subclassed model without `get_config` reloads from its `__init__`'s defaults, and
the layers its `__init__` makes are never looked up by name (tensorflow/docs' intro_to_modules)."""

from __future__ import annotations

import pytest

from tests.fixtures import TESTDATA
from tests.runtime.harness import run_program

pytestmark = pytest.mark.tensorflow

DEFAULTS = """
import os, tempfile
import numpy as np
import keras
folder = tempfile.mkdtemp()
classes = {k: v for k, v in ns.items() if isinstance(v, type)}
saved = []
for name in sorted(k for k in ns if k.startswith("save_")):
    found = ns[name](folder)
    saved += found if isinstance(found, list) else [found]
x = np.linspace(-1.0, 1.0, 8, dtype="float32").reshape(2, 4)
for model, path in saved:
    key = os.path.basename(path)
    try:
        loaded = keras.models.load_model(path, custom_objects=classes)
    except Exception as error:
        out[key] = "load " + type(error).__name__ + ("" if "'trainable'" not in str(error) else " (trainable)")
        continue
    out[key] = "same" if np.allclose(loaded(x), model(x)) else "other outputs"
"""


def test_a_subclassed_model_without_config_reloads_its_defaults_and_the_config_fix_reloads_it() -> None:
    """tensorflow/docs' intro_to_modules: Keras 3 derives a subclassed model's config from its `__init__`'s
    defaults, never from the arguments given. Made with scale=5.0, it reloads with 1.0; with units=5, its weights
    do not fit the 2 units it reloads with; without **kwargs the load raises on `trainable`. The fix's
    `get_config` reloads each as made. The near misses (made with `name` only, or with the defaults; layers that a
    subclassed model's __init__ makes, unregistered, without **kwargs, given a plain function) reload the same."""
    bad = run_program(TESTDATA / "TFV202" / "bad_model_defaults.py", DEFAULTS)
    fixed = run_program(TESTDATA / "TFV202" / "fixed_model_defaults.py", DEFAULTS)
    good = run_program(TESTDATA / "TFV202" / "good_model_defaults.py", DEFAULTS)
    assert bad.error is None and fixed.error is None and good.error is None, (bad, fixed, good)
    assert bad.out == {
        "scaled.keras": "other outputs",
        "widened.keras": "load ValueError",
        "plain.keras": "load TypeError (trainable)",
    }, bad.out
    assert fixed.out == {"scaled.keras": "same", "widened.keras": "same", "plain.keras": "same"}, fixed.out
    assert good.out == {"stack.keras": "same", "scaled.keras": "same", "same.keras": "same"}, good.out
