"""TFV202 under real Keras: the bad custom objects fail at save or load (or lose their argument); the fixed
ones round-trip through `model.save('m.keras')` and `load_model` with their arguments,
in Keras 3 and tf_keras.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixtures import TESTDATA
from tests.runtime.harness import RUN_CASES, run_program

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


SILENT = """
import os, tempfile
import keras
model = ns["build"]()
path = os.path.join(tempfile.mkdtemp(), "m.keras")
model.save(path)
loaded = keras.models.load_model(path)
out["loaded_gain"] = loaded.layers[0].kernel_initializer.gain
out["cloned_kernel"] = keras.models.clone_model(model).layers[0].kernel.numpy().tolist()
"""


def test_a_registered_initializer_without_config_loads_at_its_defaults_and_the_unsafe_fix_keeps_the_gain() -> None:
    bad = run_program(TESTDATA / "TFV202" / "bad_silent_defaults.py", SILENT)
    fixed = run_program(TESTDATA / "TFV202" / "fixed_silent_defaults.py", SILENT)
    assert bad.out == {"loaded_gain": 1.0, "cloned_kernel": [[1.0, 1.0], [1.0, 1.0]]}, bad
    # What a load and a clone compute changes: the fix is unsafe (towards the author's gain, but a change).
    assert fixed.out == {"loaded_gain": 3.0, "cloned_kernel": [[3.0, 3.0], [3.0, 3.0]]}, fixed


def test_a_local_layer_that_is_only_exported_needs_no_config() -> None:
    """good_local.py: the layer class of one test method is exported and saved as weights, never with
    `model.save`; the other test saves a model without it. Both work, so TFV202 has nothing to say."""
    probe = """
test = ns["ExportTest"]()
out["export"] = test.test_export_with_a_local_layer().numpy().tolist()
out["plain"] = type(test.test_save_a_plain_model()).__name__
"""
    good = run_program(TESTDATA / "TFV202" / "good_local.py", probe)
    assert good.error is None and good.out == {"export": [[2.0, 2.0, 2.0]], "plain": "Sequential"}, good


USER_CLASS = """import keras


class Scaled(keras.initializers.Initializer):
    def __init__(self, scale):
        self.scale = scale

    def __call__(self, shape, dtype=None):
        return keras.ops.ones(shape, dtype=dtype) * self.scale
"""
SAVE_THEN_LOAD = """
import json, sys, zipfile
import keras
from userpkg.inits import Scaled

path = sys.argv[1]
model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1, kernel_initializer=Scaled(3.0))])
model.save(path)
with zipfile.ZipFile(path) as archive:
    config = json.loads(archive.read("config.json"))
registered = config["config"]["layers"][1]["config"]["kernel_initializer"]["registered_name"]
with_objects = keras.models.load_model(path, custom_objects={"Scaled": Scaled})
plain = keras.models.load_model(path)
scales = [m.layers[0].kernel_initializer.scale for m in (with_objects, plain)]
print(json.dumps([registered, *scales]))
"""


def test_the_class_registers_under_the_users_package_and_custom_objects_loads_keep_working(
    tmp_path: Path,
) -> None:
    """A class in the user's package `userpkg` registers as `userpkg>Scaled` (never under tfvarfix's name), and
    a script that loads with `custom_objects={"Scaled": Scaled}` loads it, as does one that passes nothing."""
    package = tmp_path / "userpkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    module = package / "inits.py"
    module.write_text(USER_CLASS)
    script = tmp_path / "save_then_load.py"
    script.write_text(SAVE_THEN_LOAD)
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": ""}
    env.pop("TF_USE_LEGACY_KERAS", None)
    before = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "a.keras")], env=env, capture_output=True, text=True
    )
    assert before.returncode != 0 and "missing 1 required positional argument: 'scale'" in before.stderr
    subprocess.run(
        [sys.executable, "-m", "tfvarfix", "check", "--fix", "--select", "TFV202", str(module)],
        capture_output=True,
        check=False,
    )
    fixed = module.read_text()
    assert '@keras.utils.register_keras_serializable(package="userpkg")' in fixed and "tfvarfix" not in fixed
    after = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "b.keras")], env=env, capture_output=True, text=True
    )
    assert after.returncode == 0, after.stderr[-2000:]
    assert json.loads(after.stdout.strip().splitlines()[-1]) == ["userpkg>Scaled", 3.0, 3.0]


INCOMPLETE_CONFIG = """
import os, tempfile
import keras
for name in sorted(ns):
    if name.startswith("case_") or name == "build":
        model = ns[name]()
        path = os.path.join(tempfile.mkdtemp(), "m.keras")
        model.save(path)
        try:
            keras.models.load_model(path)
            out[name] = "loaded"
        except TypeError as error:
            out[name] = "missing" if "missing 1 required positional argument" in str(error) else str(error)
"""


def test_an_incomplete_config_fails_to_load_and_the_fix_loads() -> None:
    bad = run_program(TESTDATA / "TFV202" / "bad_config.py", INCOMPLETE_CONFIG)
    nofix = run_program(TESTDATA / "TFV202" / "bad_config_nofix.py", INCOMPLETE_CONFIG)
    fixed = run_program(TESTDATA / "TFV202" / "fixed_config.py", INCOMPLETE_CONFIG)
    good = run_program(TESTDATA / "TFV202" / "good_config.py", INCOMPLETE_CONFIG)
    assert bad.out == {"case_mixer": "missing"} and nofix.out == {"case_scaled": "missing"}, (bad, nofix)
    assert fixed.out == {"case_mixer": "loaded"}, fixed
    assert good.error is None and good.out == {"build": "loaded"}, good


CONFIG_KEYS = """
import os, re, tempfile
import numpy as np
import keras
x = np.linspace(-1.0, 1.0, 12, dtype="float32").reshape(4, 3)
for name in sorted(ns):
    if not (name.startswith("case_") or name == "build"):
        continue
    keras.utils.set_random_seed(0)
    model = ns[name]()
    model.compile(optimizer="sgd", loss="mse")
    model.train_on_batch(x, np.ones((4, model.outputs[0].shape[-1]), "float32"))
    before = model.predict(x, verbose=0)
    path = os.path.join(tempfile.mkdtemp(), "m.keras")
    model.save(path)
    record = {"before": np.round(before, 5).tolist()}
    try:
        loaded = keras.models.load_model(path)
    except TypeError as error:
        found = re.findall(r"got an unexpected keyword argument '(\\w+)'", str(error))
        refused = re.findall(r"Unrecognized keyword arguments passed to \\w+: \\{'(\\w+)'", str(error))
        record["load"] = str(error)[-300:]
        if found or refused:
            record["load"] = ("unexpected " + found[-1]) if found else ("unrecognized " + refused[-1])
    else:
        record["load"] = "same" if np.allclose(loaded.predict(x, verbose=0), before) else "different"
        if "dense" in [layer.name for layer in loaded.layers]:
            dense = loaded.get_layer("dense")
            record["clip"] = getattr(dense.kernel_constraint, "c", None)
            record["shift"] = getattr(dense.kernel_initializer, "shift", None)
    out[name] = record
"""


def test_a_config_key_init_cannot_take_fails_to_load_and_kwargs_load_it() -> None:
    bad = run_program(TESTDATA / "TFV202" / "bad_keys.py", CONFIG_KEYS)
    fixed = run_program(TESTDATA / "TFV202" / "fixed_keys.py", CONFIG_KEYS)
    nofix = run_program(TESTDATA / "TFV202" / "bad_keys_nofix.py", CONFIG_KEYS)
    good = run_program(TESTDATA / "TFV202" / "good_keys.py", CONFIG_KEYS)
    assert bad.error is None and fixed.error is None, (bad, fixed)
    # Keras names the first key of the config that `__init__` cannot take (the layer base config's "name").
    cases = {"case_clip": "name", "case_shift": "seed", "case_scale": "name", "case_gain": "name"}
    assert {n: bad.out[n]["load"] for n in cases} == {n: f"unexpected {k}" for n, k in cases.items()}, bad.out
    assert {n: fixed.out[n]["load"] for n in cases} == dict.fromkeys(cases, "same"), fixed.out
    assert fixed.out["case_clip"]["clip"] == 0.5 and fixed.out["case_shift"]["shift"] == 0.25, fixed.out
    # The fix changes nothing before the load: the same seed trains the same weights and predicts the same.
    assert all(bad.out[n]["before"] == fixed.out[n]["before"] for n in cases)
    assert nofix.out["case_tagged"]["load"] == "unexpected tag", nofix.out
    assert nofix.out["case_named"]["load"] == "unexpected name", nofix.out
    # `**kwargs` handed to `Layer.__init__`: Keras 3 refuses the key there.
    assert nofix.out["case_versioned"]["load"] == "unrecognized version", nofix.out
    assert good.error is None and good.out["build"]["load"] == "same", good


def test_a_builtin_initializers_subclass_without_get_config_fails_to_load_and_the_fix_loads() -> None:
    """tf_SIREN#17: the subclass saves VarianceScaling's config; load_model calls SirenInit(seed=..., scale=...)."""
    bad = run_program(TESTDATA / "TFV202" / "bad_inherited.py")
    assert bad.error is not None and bad.error_type == "TypeError"
    assert "SirenInit.__init__() got an unexpected keyword argument 'seed'" in (bad.error_text or "")
    probe = "out['w0'] = ns['restored'].get_layer('dense').kernel_initializer.w0"
    fixed = run_program(TESTDATA / "TFV202" / "fixed_inherited.py", probe)
    assert fixed.error is None, fixed.error
    assert fixed.stdout.splitlines()[0] == "True"  # the same kernel after the round trip
    assert fixed.out["w0"] == 2.0


def test_a_builtin_initializers_subclass_that_hands_its_seed_to_the_base_loads_and_draws_the_same() -> None:
    """The seed lives in the base (`VarianceScaling` keeps it); the fix's get_config reads it back from the base's
    config, so the loaded initializer is seeded as the original was and draws the same values."""
    bad = run_program(TESTDATA / "TFV202" / "bad_inherited_seed.py")
    assert bad.error is not None and bad.error_type == "TypeError"
    assert "SirenInit.__init__() got an unexpected keyword argument" in (bad.error_text or "")
    probe = """
import numpy as np
loaded = ns["restored"].get_layer("dense").kernel_initializer
out["config"] = loaded.get_config()
again = ns["SirenInit"](w0=2.0, seed=7)
out["same_draws"] = bool(np.allclose(np.asarray(loaded((4, 5))), np.asarray(again((4, 5)))))
other = ns["SirenInit"](w0=2.0, seed=8)
out["seed_matters"] = not bool(np.allclose(np.asarray(loaded((4, 5))), np.asarray(other((4, 5)))))
"""
    fixed = run_program(TESTDATA / "TFV202" / "fixed_inherited_seed.py", probe)
    assert fixed.error is None, fixed.error
    assert fixed.stdout.splitlines()[0] == "True"  # the same kernel after the round trip
    assert fixed.out["config"] == {"w0": 2.0, "c": 6.0, "seed": 7}
    assert fixed.out["same_draws"] is True and fixed.out["seed_matters"] is True


def test_an_argument_saved_under_another_key_fails_to_load_and_the_renamed_key_loads() -> None:
    """tensorflow#41164: `"lambda"` for `lambd`. Renamed, the loaded regularizer has the saved strength; a key
    whose value is computed (`"span": high - low`) is left alone and still fails."""
    bad = run_program(TESTDATA / "TFV202" / "bad_renamed_key.py", RUN_CASES)
    assert "unexpected keyword argument 'lambda'" in bad.out["case_smooth"]["error"], bad.out
    assert bad.out["case_span"]["ok"] is False
    fixed = run_program(TESTDATA / "TFV202" / "fixed_renamed_key.py", RUN_CASES)
    assert fixed.out["case_smooth"]["ok"] is True, fixed.out
    name, config = fixed.out["case_smooth"]["value"]
    assert name == "Smooth" and config["lambd"] == 0.01 and len(config["matrix_x"]) == 4
    assert fixed.out["case_span"] == bad.out["case_span"]


def test_a_model_that_only_uses_its_arguments_saves_and_loads_after_they_are_stored() -> None:
    """keras-core#469: `model.save` refuses a model whose `__init__` takes a list; stored and returned by
    get_config, the model saves, loads as itself and predicts the same. The class that keeps `self.sizes` as
    something else is left alone and still fails."""
    bad = run_program(TESTDATA / "TFV202" / "bad_store_arguments.py", RUN_CASES)
    for name in ("case_tower", "case_kept"):
        assert "NotImplementedError" in bad.out[name]["error"], bad.out
    fixed = run_program(TESTDATA / "TFV202" / "fixed_store_arguments.py", RUN_CASES)
    assert fixed.out["case_tower"] == {"ok": True, "value": ["Tower", True]}, fixed.out
    assert fixed.out["case_kept"] == bad.out["case_kept"]


def test_a_constraint_a_dense_subclass_makes_in_build_fails_to_load_and_kwargs_load_it() -> None:
    """DingKe/nn_playground#6: `self.kernel_constraint = Clip(...)` in a Dense subclass's `build` is saved by
    Dense's own `get_config`; the constraint's `"name"` key breaks the load until `__init__` takes `**kwargs`."""
    bad = run_program(TESTDATA / "TFV202" / "bad_saved_by_base.py", RUN_CASES)
    fixed = run_program(TESTDATA / "TFV202" / "fixed_saved_by_base.py", RUN_CASES)
    assert bad.error is None and fixed.error is None, (bad.error, fixed.error)
    failed = bad.out["case_save_and_load"]
    assert failed["ok"] is False and "unexpected keyword argument 'name'" in failed["error"], failed
    assert fixed.out["case_save_and_load"] == {"ok": True, "value": 1.0}, fixed.out


SHARED_NAME = """
import tempfile
import numpy as np
import keras
x = np.linspace(-1.0, 1.0, 6, dtype="float32").reshape(2, 3)
for name in sorted(ns):
    if not name.startswith("save_"):
        continue
    model, path = ns[name](tempfile.mkdtemp())
    try:
        loaded = keras.models.load_model(path)
    except ValueError as error:
        out[name] = {"load": str(error).splitlines()[0]}
    else:
        out[name] = {
            "load": "ok",
            "names": [layer.name for layer in loaded.layers[1:]],
            "kept": [layer.name for layer in loaded.layers[1:]] == [layer.name for layer in model.layers[1:]],
            "same": bool(np.allclose(loaded.predict(x, verbose=0), model.predict(x, verbose=0))),
        }
"""


def test_a_config_that_saves_one_name_for_every_layer_fails_to_load_two_and_the_base_config_loads() -> None:
    """keras#11210: `{"name": self.__class__.__name__, ...}` gives every restored LRN the name "LRN"; a model
    holding two raises at load. Started from `super().get_config()`, each layer is loaded under the name it had
    and the model predicts the same. A class made once loads either way, under the constant name: the fix
    would rename it ("Solo" -> "solo"), hence unsafe."""
    bad = run_program(TESTDATA / "TFV202" / "bad_shared_name.py", SHARED_NAME)
    fixed = run_program(TESTDATA / "TFV202" / "fixed_shared_name.py", SHARED_NAME)
    good = run_program(TESTDATA / "TFV202" / "good_shared_name.py", SHARED_NAME)
    assert bad.error is None and fixed.error is None and good.error is None, (bad, fixed, good)
    assert bad.out == {
        "save_lrn": {"load": 'The name "LRN" is used 2 times in the model. All operation names should be unique.'},
        "save_offset": {
            "load": 'The name "offset" is used 2 times in the model. All operation names should be unique.'
        },
    }, bad.out
    assert fixed.out == {
        "save_lrn": {"load": "ok", "names": ["lrn_1", "lrn"], "kept": True, "same": True},
        "save_offset": {"load": "ok", "names": ["offset", "offset_1"], "kept": True, "same": True},
    }, fixed.out
    assert good.out["save_all"]["load"] == "ok" and good.out["save_all"]["same"] is True, good.out
    assert good.out["save_all"]["names"][-1] == "Solo" and good.out["save_all"]["kept"] is False, good.out


PLAIN_FUNCTIONS = """
import re, tempfile
import numpy as np
import keras
x = np.linspace(-1.0, 1.0, 6, dtype="float32").reshape(2, 3)
load = ns.get("load", keras.models.load_model)
for name in sorted(ns):
    if not name.startswith("save_"):
        continue
    model, path = ns[name](tempfile.mkdtemp())
    try:
        loaded = load(path)
    except TypeError as error:
        found = re.findall(r"Could not interpret (\\w+) identifier", str(error))
        out[name] = {"load": "not interpreted " + found[-1] if found else str(error)[-300:]}
    else:
        dense = loaded.layers[-1]
        out[name] = {
            "load": "ok",
            "kernel": bool(np.allclose(dense.get_weights()[0], model.layers[-1].get_weights()[0])),
            "same": bool(np.allclose(loaded.predict(x, verbose=0), model.predict(x, verbose=0))),
            "losses": len(loaded.losses) == len(model.losses),
        }
"""


def test_plain_functions_given_to_a_layer_fail_to_load_and_registered_load() -> None:
    """keras-oneshot#10: a function given as `kernel_initializer=` (or a regularizer, a constraint) is saved as a
    bare function name that `load_model` cannot interpret; registered, the model loads with the same kernel,
    predictions and regularization losses."""
    bad = run_program(TESTDATA / "TFV202" / "bad_functions.py", PLAIN_FUNCTIONS)
    fixed = run_program(TESTDATA / "TFV202" / "fixed_functions.py", PLAIN_FUNCTIONS)
    good = run_program(TESTDATA / "TFV202" / "good_functions.py", PLAIN_FUNCTIONS)
    assert bad.error is None and fixed.error is None and good.error is None, (bad, fixed, good)
    assert bad.out == {
        "save_constrained": {"load": "not interpreted constraint"},
        "save_initialized": {"load": "not interpreted initializer"},
        "save_regularized": {"load": "not interpreted regularizer"},
    }, bad.out
    loaded = {"load": "ok", "kernel": True, "same": True, "losses": True}
    assert fixed.out == dict.fromkeys(bad.out, loaded), fixed.out
    assert good.out == {"save_all": loaded}, good.out


ACTIVATIONS = """
import re
import tempfile
import numpy as np
import keras
load = ns.get("load", keras.models.load_model)
for name in sorted(ns):
    if not name.startswith("save_"):
        continue
    model, path = ns[name](tempfile.mkdtemp())
    x = np.full((1, *model.input_shape[1:]), 0.5, dtype="float32")
    try:
        loaded = load(path)
    except TypeError as error:
        found = re.findall(r"Could not locate function '(\\w+)'", str(error))
        out[name] = {"load": "not located " + found[-1] if found else str(error)[-300:]}
    else:
        out[name] = {"load": "ok", "same": bool(np.allclose(loaded(x), model(x)))}
"""


def test_plain_functions_given_as_activation_fail_to_load_and_registered_load() -> None:
    """A function given as `activation=` or `recurrent_activation=` is saved as a bare function name that Keras
    3's `load_model` cannot locate; registered (or passed in `custom_objects`), the model loads and predicts the
    same."""
    bad = run_program(TESTDATA / "TFV202" / "bad_activation.py", ACTIVATIONS)
    fixed = run_program(TESTDATA / "TFV202" / "fixed_activation.py", ACTIVATIONS)
    good = run_program(TESTDATA / "TFV202" / "good_activation.py", ACTIVATIONS)
    assert bad.error is None and fixed.error is None and good.error is None, (bad, fixed, good)
    assert bad.out == {
        "save_dense": {"load": "not located swish"},
        "save_recurrent": {"load": "not located hard_gate"},
    }, bad.out
    assert fixed.out == {name: {"load": "ok", "same": True} for name in bad.out}, fixed.out
    assert good.out == {"save_all": {"load": "ok", "same": True}}, good.out


def test_a_plain_function_saved_by_a_model_checkpoint_fails_to_load_and_registered_loads() -> None:
    """hlamba28/One-Shot-Learning#3: the only save is `fit(callbacks=[ModelCheckpoint(path)])`; the callback
    writes the whole model (save_weights_only=False, the default) and loading it fails like `model.save`'s file.
    Registered, it loads with the same kernel and predictions; a weights-only checkpoint writes no config."""
    bad = run_program(TESTDATA / "TFV202" / "bad_checkpoint.py", PLAIN_FUNCTIONS)
    fixed = run_program(TESTDATA / "TFV202" / "fixed_checkpoint.py", PLAIN_FUNCTIONS)
    assert bad.error is None and fixed.error is None, (bad, fixed)
    assert bad.out == {"save_checkpointed": {"load": "not interpreted initializer"}}, bad.out
    assert fixed.out == {"save_checkpointed": {"load": "ok", "kernel": True, "same": True, "losses": True}}
    good = run_program(
        TESTDATA / "TFV202" / "good_checkpoint.py",
        "import tempfile\nout['kernel'] = list(ns['checkpoint_weights'](tempfile.mkdtemp()).layers[-1].kernel.shape)",
    )
    assert good.error is None and good.out == {"kernel": [3, 2]}, good


UNREGISTERED = """
import os, tempfile
import numpy as np
os.chdir(tempfile.mkdtemp())  # the fixture saves to a relative path
try:
    model, loaded = ns["save_and_load"]()
except TypeError as error:
    out["load"] = "could not be deserialized" if "could not be deserialized properly" in str(error) else str(error)
else:
    x = np.linspace(-1.0, 1.0, 6, dtype="float32").reshape(2, 3)
    out["load"] = "ok"
    out["same"] = bool(np.allclose(loaded.predict(x, verbose=0), model.predict(x, verbose=0)))
"""


def test_unregistered_classes_loaded_back_without_custom_objects_fail_and_registered_load() -> None:
    """mvoelk/keras_layers#1, deep_complex_networks#8: a layer (with **kwargs) and an initializer (with
    get_config), unregistered, in a model checkpointed and loaded from that file without custom_objects: the
    load fails; registered, it loads and predicts the same. The near misses (custom_objects, registered) load."""
    bad = run_program(TESTDATA / "TFV202" / "bad_unregistered.py", UNREGISTERED)
    fixed = run_program(TESTDATA / "TFV202" / "fixed_unregistered.py", UNREGISTERED)
    assert bad.error is None and fixed.error is None, (bad, fixed)
    assert bad.out == {"load": "could not be deserialized"}, bad.out
    assert fixed.out == {"load": "ok", "same": True}, fixed.out
    probe = "import os, tempfile\nos.chdir(tempfile.mkdtemp())\nns['save_and_load']()\nout['ok'] = True"
    good = run_program(TESTDATA / "TFV202" / "good_unregistered.py", probe)
    assert good.error is None and good.out == {"ok": True}, good


def test_unregistered_class_saved_to_another_file_than_the_one_loaded_loads() -> None:
    """Near miss of bad_unregistered.py: the unregistered layer's model is saved to one file, and the load reads
    another, which holds built-in layers only: the load succeeds and predicts as the model saved there."""
    good = run_program(TESTDATA / "TFV202" / "good_unregistered_other_file.py", UNREGISTERED)
    assert good.error is None and good.out == {"load": "ok", "same": True}, good


@pytest.mark.parametrize("name", ["unregistered_tuple_output", "unregistered_joined_path"])
def test_unregistered_layer_of_two_outputs_or_joined_path_fails_to_load_and_registered_loads(name: str) -> None:
    """attention_keras#19: an unregistered layer whose `call` returns a tuple, its outputs unpacked into other
    layers; and one saved to and loaded from `os.path.join` of the same constant parts: the load without
    custom_objects fails; registered (the fix), it loads and predicts the same; the near misses load."""
    bad = run_program(TESTDATA / "TFV202" / f"bad_{name}.py", UNREGISTERED)
    fixed = run_program(TESTDATA / "TFV202" / f"fixed_{name}.py", UNREGISTERED)
    good = run_program(TESTDATA / "TFV202" / f"good_{name}.py", UNREGISTERED)
    assert bad.error is None and bad.out == {"load": "could not be deserialized"}, bad
    assert fixed.error is None and fixed.out == {"load": "ok", "same": True}, fixed
    assert good.error is None and good.out == {"load": "ok", "same": True}, good


def test_a_layer_made_with_a_plain_object_fails_to_save_and_plain_values_save() -> None:
    """maxvit#6: `Block(BlockConfig(4))`, no get_config: Keras 3.15 cannot derive the layer's config and the save
    raises NotImplementedError; the near miss (a plain value) saves."""
    probe = """
import tempfile
try:
    ns["save_block" if "save_block" in ns else "save_all"](tempfile.mkdtemp())
    out["save"] = "ok"
except NotImplementedError as error:
    out["save"] = "non-serializable" if "non-serializable argument values" in str(error) else str(error)
"""
    bad = run_program(TESTDATA / "TFV202" / "bad_object_argument.py", probe)
    good = run_program(TESTDATA / "TFV202" / "good_object_argument.py", probe)
    assert bad.error is None and bad.out == {"save": "non-serializable"}, bad
    assert good.error is None and good.out == {"save": "ok"}, good


LAMBDA = """
import tempfile
try:
    out["run"] = ns["run"](tempfile.mkdtemp())
except Exception as error:
    out["error"] = f"{type(error).__name__}: {error}"
"""


def test_a_saved_lambda_reading_a_module_fails_to_load_and_a_registered_function_loads() -> None:
    """keras-oneshot#10's L1 distance: a Lambda given `lambda t: ops.abs(t[0] - t[1])`, saved and loaded with
    `safe_mode=False` (Keras 3.15): the load cannot find `ops` and raises; as a registered module-level function
    it loads and predicts the same. The near misses (a lambda of its argument only, a registered function)
    load and predict the same, and an unsaved model runs."""
    bad = run_program(TESTDATA / "TFV202" / "bad_lambda.py", LAMBDA)
    fixed = run_program(TESTDATA / "TFV202" / "fixed_lambda.py", LAMBDA)
    good = run_program(TESTDATA / "TFV202" / "good_lambda.py", LAMBDA)
    assert bad.error is None and fixed.error is None and good.error is None, (bad, fixed, good)
    error = bad.out.get("error", "")
    assert error.startswith("NotImplementedError") and "could not automatically infer the shape" in error, bad.out
    assert fixed.out == {"run": {"distance": True, "named": True}}, fixed.out
    assert good.out == {"run": {"argument_only": True, "registered": True, "unsaved": [2, 3]}}, good.out


def test_a_layer_made_with_a_keras_object_fails_to_save_and_plain_arguments_save() -> None:
    """keras#4871's SpatialTransformer(locnet, ...), a layer given a Dense, one given an initializer object, none
    with get_config: Keras 3.15 derives a config only from plain arguments, and each save raises
    NotImplementedError; the near misses (the sub-network made inside from plain arguments, a get_config of
    plain values) save and load."""
    probe = """
import tempfile
for name in sorted(ns):
    if name.startswith("save_"):
        try:
            ns[name](tempfile.mkdtemp())
            out[name] = "ok"
        except NotImplementedError as error:
            out[name] = "non-serializable" if "non-serializable argument values" in str(error) else str(error)
"""
    bad = run_program(TESTDATA / "TFV202" / "bad_keras_object_argument.py", probe)
    good = run_program(TESTDATA / "TFV202" / "good_keras_object_argument.py", probe)
    assert bad.error is None and bad.out == {
        "save_residual": "non-serializable",
        "save_scaled": "non-serializable",
        "save_transformer": "non-serializable",
    }, bad
    assert good.error is None and good.out == {"save_scaled": "ok", "save_transformer": "ok"}, good


UNNAMED_SAVES = """
import os, tempfile
os.chdir(tempfile.mkdtemp())
for name in ("save_weights", "save_model", "fit_with_checkpoint", "save_offset"):
    try:
        ns[name]()
        out[name] = "ok"
    except ValueError as error:
        out[name] = str(error).splitlines()[0]
model = ns["keras"].Sequential([ns["keras"].Input((3,)), ns["Linear"](2)])
again = ns["keras"].Sequential([ns["keras"].Input((3,)), ns["Linear"](2)])
try:
    model.save_weights("round.h5")
    again.load_weights("round.h5")
    out["round_trip"] = all((a == b).all() for a, b in zip(model.get_weights(), again.get_weights()))
    out["names"] = [w.name for w in model.weights]
except ValueError as error:
    out["round_trip"] = str(error).splitlines()[0]
"""


def test_unnamed_weights_raise_on_hdf5_saves_and_the_named_ones_save_and_load() -> None:
    bad = run_program(TESTDATA / "TFV202" / "bad_unnamed_weights.py", UNNAMED_SAVES, legacy=True)
    assert bad.error is None, bad.error
    for name in ("save_weights", "save_model", "fit_with_checkpoint", "save_offset", "round_trip"):
        assert "name already exists" in bad.out[name], (name, bad.out[name])
    fixed = run_program(TESTDATA / "TFV202" / "fixed_unnamed_weights.py", UNNAMED_SAVES, legacy=True)
    assert fixed.error is None, fixed.error
    saves = ("save_weights", "save_model", "fit_with_checkpoint")
    assert {k: fixed.out[k] for k in saves} == dict.fromkeys(saves, "ok")
    assert "name already exists" in fixed.out["save_offset"]  # the near miss keeps its finding and no fix
    assert fixed.out["round_trip"] is True
    assert [n.split("/")[-1] for n in fixed.out["names"]] == ["w:0", "b:0"]


def test_a_saved_lambda_reading_a_module_level_name_fails_when_called_and_a_registered_function_runs() -> None:
    """keras#9431's `lambda x: x * size_of_something` and tensorflow#54198's `lambda x: dummy_padding(x, size)`:
    a lambda that reads a module-level number or function of the program, saved and loaded with
    `safe_mode=False` (Keras 3.15): the load keeps the lambda's closure but not this module's globals, so the
    loaded model's call raises `NameError`. As registered module-level functions the first two predict the
    same; the third (it reads the closure variable `size`) has no fix and still fails. Lambdas of closure
    variables only load and predict the same."""
    bad = run_program(TESTDATA / "TFV202" / "bad_lambda_module_names.py", LAMBDA)
    fixed = run_program(TESTDATA / "TFV202" / "fixed_lambda_module_names.py", LAMBDA)
    good = run_program(TESTDATA / "TFV202" / "good_lambda_closure.py", LAMBDA)
    assert bad.error is None and fixed.error is None and good.error is None, (bad, fixed, good)
    for name, read in (("scaled", "SCALE"), ("clipped", "clip"), ("padded", "pad")):
        error = bad.out["run"][name]
        assert error.startswith("NameError") and f"name '{read}' is not defined" in error, bad.out
    assert fixed.out["run"]["scaled"] is True and fixed.out["run"]["clipped"] is True, fixed.out
    assert "name 'pad' is not defined" in fixed.out["run"]["padded"], fixed.out
    assert good.out == {"run": {"parameter": True, "local": True, "unsaved": -1.0}}, good.out


def test_functions_made_by_def_in_a_saved_lambda_are_looked_up_by_name() -> None:
    """CAP#10: Keras 3 saves a `def` function given to `Lambda` by its name; `load_model` cannot find a
    module-level one that is not registered, nor a nested one. Registered, the module-level one loads and
    predicts the same; the nested one has no fix and still fails. Near misses (passed in a `custom_objects`
    dict made before the load, registered, never saved) load and run."""
    bad = run_program(TESTDATA / "TFV202" / "bad_lambda_named_functions.py", LAMBDA)
    fixed = run_program(TESTDATA / "TFV202" / "fixed_lambda_named_functions.py", LAMBDA)
    good = run_program(TESTDATA / "TFV202" / "good_lambda_named_functions.py", LAMBDA)
    assert bad.error is None and fixed.error is None and good.error is None, (bad, fixed, good)
    for name in ("module", "nested"):
        error = bad.out["run"][name]
        assert error.startswith("TypeError") and "could not be deserialized properly" in error, bad.out
    assert "'config': 'squeeze'" in bad.out["run"]["module"] and "'config': 'func'" in bad.out["run"]["nested"]
    assert fixed.out["run"]["module"] is True, fixed.out
    assert "'config': 'func'" in fixed.out["run"]["nested"], fixed.out
    assert good.out == {"run": {"loaded": True, "unsaved": [2, 2]}}, good.out


def test_functions_given_to_compile_fail_the_compiling_load_and_registered_load() -> None:
    """keras#11363: a module-level loss or metric function given to `compile` (a metric in a list or a dict of
    lists, a loss given positionally) is saved by name in the compile config; `load_model` of the `.keras` file
    cannot find it (Keras 3.15 `TypeError: Could not locate function 'f1'`). Registered, each loads. Near misses
    (`compile=False`, `custom_objects`, registered or built-in functions, a model compiled again with `"mse"`
    before its save, a model only saved to `.h5`) load and run."""
    bad = run_program(TESTDATA / "TFV202" / "bad_compiled_functions.py", LAMBDA)
    fixed = run_program(TESTDATA / "TFV202" / "fixed_compiled_functions.py", LAMBDA)
    good = run_program(TESTDATA / "TFV202" / "good_compiled_functions.py", LAMBDA)
    assert bad.error is None and fixed.error is None and good.error is None, (bad, fixed, good)
    for name, function in (("metric", "f1"), ("loss", "squared"), ("nested", "absolute")):
        assert bad.out["run"][name].startswith(f"TypeError: Could not locate function '{function}'"), bad.out
    assert fixed.out["run"] == {"metric": "loads", "loss": "loads", "nested": "loads"}, fixed.out
    assert good.out["run"] == {
        "compile=False": True,
        "custom_objects": True,
        "registered": True,
        "compiled again": True,
        "h5 saved": True,
    }, good.out


def test_functions_given_to_compile_fail_the_tf_keras_load_and_registered_load() -> None:
    """tf_keras 2.21: the same functions fail the load from `.h5` (`ValueError: Unknown loss function:
    'squared'`) and from `.keras` (`TypeError: Could not locate function 'absolute'`); registered, both load."""
    bad = run_program(TESTDATA / "TFV202" / "bad_compiled_functions_tf_keras.py", LAMBDA, legacy=True)
    fixed = run_program(TESTDATA / "TFV202" / "fixed_compiled_functions_tf_keras.py", LAMBDA, legacy=True)
    assert bad.error is None and fixed.error is None, (bad, fixed)
    assert bad.out["run"]["loss"].startswith("ValueError: Unknown loss function: 'squared'"), bad.out
    assert bad.out["run"]["metric"].startswith("TypeError: Could not locate function 'absolute'"), bad.out
    assert fixed.out["run"] == {"loss": "loads", "metric": "loads"}, fixed.out


def test_a_bound_method_in_a_saved_lambda_never_loads_and_a_registered_function_does() -> None:
    """keras#13992: `Lambda(self.custom_layer)` (and a classmethod read off its class) is saved as `{'class_name':
    'method', 'config': 'custom_layer'}`; Keras 3.15 cannot load it even with `custom_objects` and
    `safe_mode=False`. A registered module-level function given its value through `arguments={...}` loads and
    predicts the same; a bound method in a model never saved, or in a registered layer's `__init__`, runs."""
    bad = run_program(TESTDATA / "TFV202" / "bad_lambda_bound_method.py", LAMBDA)
    good = run_program(TESTDATA / "TFV202" / "good_lambda_bound_method.py", LAMBDA)
    assert bad.error is None and good.error is None, (bad, good)
    for name in ("method", "classmethod"):
        error = bad.out["run"][name]
        assert error.startswith("TypeError") and "could not be deserialized properly" in error, bad.out
        assert "Expected 'config' to be a dict for method" in error, bad.out
    assert good.out == {"run": {"saved": True, "unsaved": [2, 4], "wrapped": True}}, good.out
