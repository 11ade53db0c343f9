"""verify's pure parts, without TensorFlow: instrumenting, scopes, tolerances, comparison and the CLI's refusals."""

from __future__ import annotations

import ast
import subprocess
import sys

import numpy as np
import pytest

from tfvarfix.rule import registry
from tfvarfix.types import IntendedValue, Position, Range, VerifyCheck
from tfvarfix.verify.core import compare, definitions, difference, instrument, scopes_of
from tfvarfix.verify.policy import CPU_TOLERANCE, EXPECTED_ERRORS, GPU_TOLERANCE, Tolerance
from tfvarfix.verify.runner import RunOutcome


def _range(a: tuple[int, int], b: tuple[int, int]) -> Range:
    return Range(Position(*a), Position(*b))


def test_instrument_wraps_each_expression_and_keeps_lines() -> None:
    text = "x = tf.Variable(\n    1.0, name='a/kernel')\ny = f(2)\n"
    marks = [("0.0", IntendedValue(_range((1, 4), (2, 25)))), ("1.0", IntendedValue(_range((3, 6), (3, 7))))]
    out = instrument(text, marks)
    assert out == (
        "x = __tfvarfix_intend__('0.0', (tf.Variable(\n    1.0, name='a/kernel')))\n"
        "y = f(__tfvarfix_intend__('1.0', (2)))\n"
    )
    ast.parse(out)
    assert out.count("\n") == text.count("\n")


def test_scopes_follow_entries_and_their_users() -> None:
    text = (
        "import tensorflow as tf\n"
        "def helper():\n    return 1\n"
        "class Layer:\n    pass\n"
        "def case_a():\n    return helper()\n"
        "def case_b():\n    return Layer()\n"
        "x = 1\n"
    )
    spans = definitions(text)
    entries = {"case_a", "case_b"}
    assert scopes_of(3, spans, entries) == ("case_a",)  # in helper, used by case_a only
    assert scopes_of(5, spans, entries) == ("case_b",)
    assert scopes_of(7, spans, entries) == ("case_a",)
    assert scopes_of(10, spans, entries) == ("",)  # module level
    assert scopes_of(3, spans, set()) == ("",)


def test_scopes_follow_helpers_and_module_names_to_their_entries() -> None:
    text = (
        "import tensorflow as tf\n"  # 1
        "def inner():\n    return 1\n"  # 2-3
        "def outer():\n    return inner()\n"  # 4-5
        "def step(x):\n    return x\n"  # 6-7
        "step_fn = tf.function(step)\n"  # 8
        "def case_a():\n    return outer()\n"  # 9-10
        "def case_b():\n    return step_fn(1)\n"  # 11-12
        "def built():\n    return 2\n"  # 13-14
        "value = built()\n"  # 15
        "def case_c():\n    return built()\n"  # 16-17
    )
    spans = definitions(text)
    entries = {"case_a", "case_b", "case_c"}
    assert scopes_of(3, spans, entries) == ("case_a",)  # inner <- outer <- case_a
    assert scopes_of(7, spans, entries) == ("case_b",)  # step <- step_fn <- case_b
    assert scopes_of(14, spans, entries) == ("",)  # module-level code calls built()


def test_difference_reports_abs_rel_and_verdicts() -> None:
    cpu = Tolerance()
    a = np.array([1.0, 2.0, 0.0], "float32")
    assert difference(a, a.copy(), cpu)[4] == "identical"
    close = a + np.array([1e-7, 0, 0], "float32")
    max_abs, max_rel, rtol, atol, verdict = difference(a, close, cpu)
    assert verdict == "within tolerance" and (rtol, atol) == CPU_TOLERANCE["float32"]
    assert max_abs == pytest.approx(1.19e-7, rel=0.1) and max_rel == pytest.approx(1.19e-7, rel=0.1)
    far = a + np.array([0, 0, 1e-3], "float32")
    assert difference(a, far, cpu)[4] == "differs"
    assert np.isnan(difference(np.zeros(2), np.ones(2), cpu)[1])  # no nonzero reference: no relative error
    assert difference(a, np.zeros(4, "float32"), cpu)[4] == "shape differs"
    assert difference(np.array([1, 2]), np.array([1, 3]), cpu)[4] == "differs"  # integers: exact


def test_gpu_and_overridden_tolerances() -> None:
    a = np.ones(3, "float32")
    b = a * (1 + 5e-4)
    assert difference(a, b, Tolerance())[4] == "differs"
    assert difference(a, b, Tolerance(gpu=True))[4] == "within tolerance"
    assert Tolerance(gpu=True).for_dtype("float32") == GPU_TOLERANCE["float32"]
    assert difference(a, b, Tolerance(rtol=1e-3))[4] == "within tolerance"
    assert Tolerance(atol=0.5).for_dtype("float16") == (CPU_TOLERANCE["float16"][0], 0.5)
    assert Tolerance(rtol=1.0).for_dtype("int32") == (0.0, 0.0)


def test_every_repairs_rule_names_its_error() -> None:
    repairs = {code for code, rule in registry().rules.items() if rule.VERIFY is VerifyCheck.REPAIRS}
    fixable = {code for code, rule in registry().rules.items() if rule.FIX_AVAILABILITY.value != "never"}
    assert repairs & fixable <= set(EXPECTED_ERRORS)
    assert EXPECTED_ERRORS["TFV301"].matches(
        "ValueError", "Variable rnn/lstm_cell/kernel already exists, disallowed."
    )
    assert not EXPECTED_ERRORS["TFV301"].matches("TypeError", "already exists, disallowed")
    assert not EXPECTED_ERRORS["TFV103"].matches("AttributeError", "'LSTM' object has no attribute 'units_'")
    # TFV202's unnamed tf_keras weights: what each save raises (tensorflow#36962, #36650, #35241)
    for error, message in [
        ("AttributeError", "'NoneType' object has no attribute 'replace'"),
        ("ValueError", "Unable to synchronously create dataset (name already exists)"),
        ("TypeError", "bad argument type for built-in operation"),
    ]:
        assert EXPECTED_ERRORS["TFV202"].matches(error, message), message
    assert not EXPECTED_ERRORS["TFV202"].matches("AttributeError", "'Dense' object has no attribute 'kernel'")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--device", "tpu"], "unknown --device"),
        (["--backend", "mxnet"], "unknown --backend"),
        (["--output-format", "sarif"], "unknown --output-format"),
        (["--timeout", "0"], "--timeout must be positive"),
    ],
)
def test_verify_refuses_bad_options_with_exit_2(args: list[str], message: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tfvarfix", "verify", "nothing.py", *args], capture_output=True, text=True
    )
    assert done.returncode == 2 and message in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_check_verify_needs_fix() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tfvarfix", "check", "--verify", "nothing.py"], capture_output=True, text=True
    )
    assert done.returncode == 2 and "--verify goes with --fix" in done.stderr


def test_verify_imports_no_tensorflow() -> None:
    code = (
        "import sys, tfvarfix.verify, tfvarfix.verify.report, tfvarfix.cli\n"
        "print(sorted(m for m in ('tensorflow', 'keras', 'tf_keras', 'jax') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def _run(weights: dict[str, np.ndarray]) -> RunOutcome:
    entries = [{"path": path, "array": f"a{i}"} for i, path in enumerate(weights)]
    arrays = {f"a{i}": value for i, value in enumerate(weights.values())}
    return RunOutcome("ok", 0.0, {"objects": [{"label": "model", "weights": entries}]}, arrays)


def test_renamed_weights_are_compared_by_value() -> None:
    # TFV104 renames the second `twin` layer: its weights move to `twin_1/...` and must keep their values.
    kernel, bias = np.arange(9.0).reshape(3, 3), np.ones(3)
    original = _run({"m/twin/kernel": kernel, "m/twin/kernel#2": kernel * 2, "m/twin/bias#2": bias})
    renamed = _run({"m/twin/kernel": kernel, "m/twin_1/kernel": kernel * 2, "m/twin_1/bias": bias})
    rows = {row.path: row.verdict for row in compare(original, renamed, Tolerance())}
    assert rows == {
        "m/twin/kernel": "identical",
        "m/twin/kernel#2 -> m/twin_1/kernel": "identical",
        "m/twin/bias#2 -> m/twin_1/bias": "identical",
    }
    changed = _run({"m/twin/kernel": kernel, "m/twin_1/kernel": kernel * 3, "m/twin_1/bias": bias})
    verdicts = {row.path: row.verdict for row in compare(original, changed, Tolerance())}
    assert verdicts["m/twin/kernel#2 -> m/twin_1/kernel"] == "differs"


def test_weights_that_do_not_line_up_are_not_paired() -> None:
    original = _run({"m/a/kernel": np.zeros((2, 2))})
    rewrite = _run({"m/b/kernel": np.zeros((3, 2))})
    verdicts = sorted(row.verdict for row in compare(original, rewrite, Tolerance()))
    assert verdicts == ["only in original", "only in rewrite"]
