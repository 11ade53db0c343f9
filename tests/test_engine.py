"""The engine: suppression, the pre-filter, bad input, faithful fixes (encoding, BOM, newlines, mode)."""

from __future__ import annotations

import codecs
import stat
from pathlib import Path

import pytest

from tfvarfix.api import FixMode, check_file, check_source
from tfvarfix.engine import check_text
from tfvarfix.fixes import WriteConflict, apply_fixes, write_atomic
from tfvarfix.rule import registry
from tfvarfix.types import Edit, FileStatus, Fix, FixSafety, Position, Range, VerifyCheck

RULES = list(registry().rules.values())
BUGGY = "import tensorflow as tf\nlstm = tf.keras.layers.LSTM(4)\nlstm.build((None, 3, 5))\nk = lstm.kernel\n"
FIXED = BUGGY.replace("lstm.kernel", "lstm.cell.kernel")


def codes(text: str) -> list[tuple[int, str]]:
    return [(d.line, d.code) for d in check_text(text, RULES).diagnostics]


def test_finds_and_fixes() -> None:
    assert codes(BUGGY) == [(4, "TFV103")]
    assert check_text(BUGGY, RULES, fix=True).text == FIXED


@pytest.mark.parametrize(
    "comment, suppressed",
    [
        ("# noqa: TFV103", True),
        ("# noqa:TFV103", True),
        ("# noqa: TFV101, TFV103", True),
        ("# NOQA: tfv103", True),
        ("# noqa: TFV1", True),
        ("# noqa", True),
        ("# noqa: TFV104", False),
        ("# a comment", False),
    ],
)
def test_noqa(comment: str, suppressed: bool) -> None:
    text = BUGGY.replace("k = lstm.kernel", f"k = lstm.kernel  {comment}")
    assert codes(text) == ([] if suppressed else [(4, "TFV103")])


def test_noqa_suppressed_findings_are_not_fixed() -> None:
    text = BUGGY.replace("k = lstm.kernel", "k = lstm.kernel  # noqa: TFV103")
    assert check_text(text, RULES, fix=True).text == text


def test_file_level_noqa_skips_the_file() -> None:
    result = check_source("# tfvarfix: noqa\n" + BUGGY, "x.py")
    assert result.status is FileStatus.SKIPPED and not result.diagnostics


def test_files_without_tensorflow_are_not_parsed() -> None:
    # A syntax error would be reported if the file were parsed.
    result = check_source("def broken(:\n", "x.py")
    assert result.status is FileStatus.SKIPPED and not result.diagnostics


def test_syntax_error_is_one_diagnostic() -> None:
    result = check_source("import tensorflow as tf\ndef broken(:\n", "x.py")
    assert [(d.code, d.line) for d in result.diagnostics] == [("TFV001", 2)]
    assert result.status is FileStatus.FAILED


@pytest.mark.parametrize(
    "statement",
    [
        pytest.param("x = " + "(" * 2000 + "1" + ")" * 2000, id="nested-parens"),
        pytest.param("x = " + "[" * 1600 + "]" * 1600, id="nested-lists"),
        pytest.param("x = " + "+".join(["a"] * 20000), id="operator-chain"),
        pytest.param("x = a" + ".b" * 50000, id="attribute-chain"),
        pytest.param("x = (" + "+\n".join(["a"] * 20000) + ")", id="multiline-chain"),
    ],
)
def test_hostile_nesting_is_a_diagnostic_not_a_crash(statement: str) -> None:
    # Each of these segfaults (or takes minutes in) libcst's native parser if it reaches it.
    result = check_source("import tensorflow as tf\n" + statement + "\n", "deep.py")
    assert [d.code for d in result.diagnostics] == ["TFV001"]


def test_long_but_harmless_statements_still_parse() -> None:
    text = "import tensorflow as tf\nw = [" + ", ".join(["0.5"] * 20000) + "]\n" + BUGGY.split("\n", 1)[1]
    assert [d.code for d in check_source(text, "big.py").diagnostics] == ["TFV103"]


def _write(tmp_path: Path, data: bytes, name: str = "m.py") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: t.encode(), id="utf8"),
        pytest.param(lambda t: codecs.BOM_UTF8 + t.encode(), id="bom"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode(), id="crlf"),
        pytest.param(
            lambda t: ("# -*- coding: latin-1 -*-\n# caf\u00e9\n" + t).encode("latin-1"), id="latin1"
        ),
    ],
)
def test_fix_keeps_encoding_bom_and_newlines(tmp_path: Path, encode) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path, encode(BUGGY))
    path.chmod(0o640)
    result = check_file(path, mode=FixMode(apply=True, write=True))
    assert result.changed
    assert path.read_bytes() == encode(FIXED)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["m.py"]  # no temporary file left behind


def test_file_without_findings_is_never_rewritten(tmp_path: Path) -> None:
    path = _write(tmp_path, FIXED.encode())
    before = path.stat().st_mtime_ns
    result = check_file(path, mode=FixMode(apply=True, write=True))
    assert not result.changed and path.stat().st_mtime_ns == before


def test_invalid_utf8_is_reported(tmp_path: Path) -> None:
    path = _write(tmp_path, b"import tensorflow\nx = '\xff\xfe'\n")
    result = check_file(path)
    assert [d.code for d in result.diagnostics] == ["TFV002"]
    assert "decode" in result.diagnostics[0].message


def test_null_bytes_are_reported(tmp_path: Path) -> None:
    path = _write(tmp_path, b"import tensorflow\x00\n")
    assert [d.code for d in check_file(path).diagnostics] == ["TFV002"]


def test_missing_file_is_reported(tmp_path: Path) -> None:
    result = check_file(tmp_path / "nope.py")
    assert [d.code for d in result.diagnostics] == ["TFV002"]


def test_write_conflict_is_detected(tmp_path: Path) -> None:
    path = _write(tmp_path, b"new contents")
    with pytest.raises(WriteConflict):
        write_atomic(path, b"fixed", expected=b"old contents")
    assert path.read_bytes() == b"new contents"


def _fix(start: tuple[int, int], end: tuple[int, int], content: str) -> Fix:
    edit = Edit(Range(Position(*start), Position(*end)), content)
    return Fix("t", FixSafety.SAFE, (edit,), VerifyCheck.EQUIVALENT)


def test_overlapping_fixes_wait_for_the_next_round() -> None:
    text = "abcdef\n"
    out, applied = apply_fixes(
        text, [_fix((1, 0), (1, 3), "X"), _fix((1, 2), (1, 4), "Y"), _fix((1, 5), (1, 6), "Z")]
    )
    assert out == "XdeZ\n" and applied == [0, 2]


def test_identical_insertions_are_made_once() -> None:
    text = "a\nb\n"
    out, applied = apply_fixes(text, [_fix((2, 0), (2, 0), "import x\n"), _fix((2, 0), (2, 0), "import x\n")])
    assert out == "a\nimport x\nb\n" and applied == [0, 1]


def test_severity_is_the_rules_unless_the_finding_raises() -> None:
    from tfvarfix.types import Severity

    text = (
        "import numpy as np\nimport tensorflow as tf\n\n"
        "def edited():\n"
        "    dense = tf.keras.layers.Dense(2)\n"
        "    dense.build((None, 3))\n"
        "    dense.kernel.assign(np.ones((3, 2)))\n\n"
        "unbuilt = tf.keras.layers.Dense(2)\n"
        "unbuilt.set_weights([np.ones((3, 2)), np.zeros(2)])\n"
    )
    found = {(d.line, d.code): d.severity for d in check_text(text, list(registry().rules.values())).diagnostics}
    assert found == {(7, "TFV201"): Severity.WARNING, (10, "TFV201"): Severity.ERROR}


@pytest.mark.parametrize(
    ("line", "legacy"),
    [
        ("import tf_keras", True),
        ("os.environ['TF_USE_LEGACY_KERAS'] = '1'", True),
        # The TF1 migration shim exists only in tf_keras: the TensorFlow migration guides use it with plain
        # `tf.keras`, code that runs only where tf.keras is tf_keras.
        ("@tf.compat.v1.keras.utils.track_tf1_style_variables", True),
        ("import keras", False),
        # Keras 3's own modules mention tf_keras in comments and docstrings: no use of it.
        ("# unlike tf_keras, Keras 3 refuses this", False),
        ('"""Measured under TF_USE_LEGACY_KERAS=1 and Keras 3."""', False),
        ('def f():\n    """Use tf_keras for this."""\n    return 1', False),
        ('x = "tf_keras" if legacy else "keras"', True),
        ('import importlib\nimportlib.import_module("tf_keras")', True),
    ],
)
def test_the_keras_a_file_targets(line: str, legacy: bool) -> None:
    from tfvarfix.engine import flavor_of
    from tfvarfix.keras.spec import Flavor
    from tfvarfix.verify.core import keras_of

    text = f"import tensorflow as tf\n{line}\n"
    assert (flavor_of(text) is Flavor.TF_KERAS) is legacy
    assert keras_of(text)[0] is legacy
