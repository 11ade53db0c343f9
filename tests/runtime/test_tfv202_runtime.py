"""TFV202 under real Keras: the bad custom objects fail at save or load (or lose their argument); the fixed
ones round-trip through `model.save('m.keras')` and `load_model` with their arguments,
in Keras 3 and tf_keras.
"""

from __future__ import annotations

import pytest

from tests.fixtures import TESTDATA
from tests.runtime.harness import run_program

pytestmark = pytest.mark.tensorflow

SAVE_LOAD = """
import os, tempfile, traceback
import tensorflow as tf
ns_build = ns["build"]

def first_error(error):
    text = str(error).strip().splitlines()
    inner = [line for line in text if "Exception encountered" in line or "Cannot deserialize" in line]
    return type(error).__name__ + ": " + (inner[-1] if inner else (text[0] if text else ""))

def attempt(make):
    model = make()
    path = os.path.join(tempfile.mkdtemp(), "m.keras")
    try:
        model.save(path)
    except Exception as error:
        return {"stage": "save", "error": first_error(error)}
    try:
        loaded = tf.keras.models.load_model(path)
    except Exception as error:
        return {"stage": "load", "error": first_error(error)}
    layer = loaded.get_layer("dense")
    return {"stage": "ok", "args": {
        "scale": getattr(layer.kernel_initializer, "scale", None),
        "limit": getattr(layer.kernel_constraint, "limit", None),
        "factor": getattr(layer.kernel_regularizer, "factor", None),
    }}

out["full"] = attempt(ns_build)
"""


@pytest.mark.parametrize("legacy", [False, True], ids=["keras3", "tf_keras"])
def test_loading_fails_before_and_works_after(legacy: bool) -> None:
    bad = run_program(TESTDATA / "TFV202" / "bad.py", SAVE_LOAD, legacy=legacy)
    fixed = run_program(TESTDATA / "TFV202" / "fixed.py", SAVE_LOAD, legacy=legacy)
    assert bad.error is None and fixed.error is None
    # The regularizer has no get_config at all: saving fails first.
    assert bad.out["full"]["stage"] == "save"
    assert "does not implement get_config()" in bad.out["full"]["error"]
    assert fixed.out["full"] == {"stage": "ok", "args": {"scale": 0.5, "limit": 3.0, "factor": 0.01}}


def test_unfixable_and_seed_classes_fail_to_load() -> None:
    nofix = run_program(TESTDATA / "TFV202" / "bad_nofix.py", SAVE_LOAD)
    assert nofix.out["full"]["stage"] == "load"
    assert "Cannot deserialize object of type `Doubled`" in nofix.out["full"]["error"]
    seed_probe = """
import os, tempfile
import tensorflow as tf
inputs = tf.keras.Input((10, 1))
lstm = tf.keras.layers.LSTM(64, kernel_initializer=ns["CustomInitializer"](0.5))
model = tf.keras.Model(inputs, lstm(inputs))
path = os.path.join(tempfile.mkdtemp(), "m.keras")
model.save(path)
try:
    tf.keras.models.load_model(path)
    out["load"] = "ok"
except Exception as error:
    out["load"] = str(error)
out["config"] = ns["custom_init"].get_config()
out["first"] = float(ns["lstm_layer"].cell.kernel[0, 0].numpy())
"""
    seed = run_program(TESTDATA / "TFV202" / "bad_seed.py", seed_probe)
    assert seed.error is None
    assert "Cannot deserialize object of type `CustomInitializer`" in seed.out["load"]
    assert seed.out["config"] == {}
    assert seed.out["first"] != 0.5  # the guard never holds: the value is never written


LAYERS = """
import tempfile, keras
folder = tempfile.mkdtemp()

def first_error(error):
    text = str(error).strip().splitlines()
    return type(error).__name__ + ": " + (text[-1] if text else "")

for name in ("save_scale", "save_head"):
    try:
        path = ns[name](folder)
    except Exception as error:
        out[name] = "save " + first_error(error)
        continue
    try:
        keras.models.load_model(path)
        out[name] = "ok"
    except Exception as error:
        out[name] = "load " + first_error(error)
"""


def test_keras3_layers_and_models_save_and_load_after_the_fix() -> None:
    bad = run_program(TESTDATA / "TFV202" / "bad_layers.py", LAYERS)
    fixed = run_program(TESTDATA / "TFV202" / "fixed_layers.py", LAYERS)
    assert bad.error is None and fixed.error is None
    assert bad.out["save_scale"].startswith("load TypeError") and "'trainable'" in bad.out["save_scale"]
    assert bad.out["save_head"].startswith("save NotImplementedError")
    assert fixed.out == {"save_scale": "ok", "save_head": "ok"}


@pytest.mark.parametrize("name", ["good_layers", "good_tf_keras"])
def test_near_misses_save_and_load(name: str) -> None:
    probe = """
import glob, os, tempfile
import tensorflow as tf
folder = tempfile.mkdtemp()
ns[[k for k in ns if k.startswith("save_")][0]](folder)
for path in sorted(glob.glob(os.path.join(folder, "*.keras"))):
    tf.keras.models.load_model(path, custom_objects={k: v for k, v in ns.items() if isinstance(v, type)})
    out[os.path.basename(path)] = "ok"
"""
    good = run_program(TESTDATA / "TFV202" / f"{name}.py", probe, legacy=name == "good_tf_keras")
    assert good.error is None and good.out and set(good.out.values()) == {"ok"}, (good.error, good.out)
