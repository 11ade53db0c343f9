"""Hostile input through the real command line: one clear line per bad path, no traceback, the run goes on.

Every case puts the hostile item next to `other.py`, a file with one TFV103 finding, and runs
`python -m tfvarfix check --output-format concise` over both in a subprocess: the hostile item gets at most one
line (its diagnostic, if it has one), `other.py` is still reported, and the exit code is the documented one
(0 nothing left, 1 findings remain, 2 usage, configuration or internal error).
"""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.privileges import drop_read_override

OTHER = "import tensorflow as tf\nlstm = tf.keras.layers.LSTM(4)\nlstm.build((None, 3, 5))\nk = lstm.kernel\n"
OTHER_LINE = "other.py:4:5: TFV103"
TIMEOUT = 120  # a hang (a FIFO opened for reading) fails the test instead of the suite


def tfvarfix(
    *args: str, cwd: Path, preexec: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tfvarfix", "check", "--output-format", "concise", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=preexec,
        env={**os.environ, "NO_COLOR": "1"},
    )


def run_with_other(
    tmp_path: Path, name: str, *, args: tuple[str, ...] = (), preexec: Callable[[], None] | None = None
) -> tuple[int, list[str]]:
    """Check `name` and other.py; return the exit code and the lines about `name`."""
    (tmp_path / "other.py").write_text(OTHER)
    result = tfvarfix(*(args or (name, "other.py")), cwd=tmp_path, preexec=preexec)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.stderr == "", result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith(OTHER_LINE) for line in lines), output  # the run went on
    return result.returncode, [line for line in lines if line.startswith(name)]


def test_syntax_error(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text("import tensorflow as tf\ndef f(:\n    pass\n")
    code, lines = run_with_other(tmp_path, "bad.py")
    assert code == 1 and lines == ["bad.py:2:7: TFV001 syntax error: invalid syntax"]


def test_null_bytes(tmp_path: Path) -> None:
    (tmp_path / "nul.py").write_bytes(b"import tensorflow as tf\nx = 1\x00\n")
    code, lines = run_with_other(tmp_path, "nul.py")
    assert code == 1 and lines == ["nul.py:1:1: TFV002 cannot read file: file contains null bytes (binary?)"]


def test_invalid_utf8(tmp_path: Path) -> None:
    (tmp_path / "bytes.py").write_bytes(b"import tensorflow as tf\nx = '\xff\xfe'\n")
    code, lines = run_with_other(tmp_path, "bytes.py")
    assert code == 1 and len(lines) == 1
    assert lines[0].startswith("bytes.py:1:1: TFV002 cannot read file: cannot decode as utf-8")


def test_latin1_coding_cookie(tmp_path: Path) -> None:
    text = "# -*- coding: latin-1 -*-\n# caf\u00e9 \u00e0 la cr\u00e8me\n" + OTHER
    (tmp_path / "latin.py").write_bytes(text.encode("latin-1"))
    code, lines = run_with_other(tmp_path, "latin.py")
    assert code == 1 and [line.split(" [")[0] for line in lines] == ["latin.py:6:5: TFV103"]
    tfvarfix("--fix", "latin.py", cwd=tmp_path)
    fixed = text.replace("lstm.kernel", "lstm.cell.kernel").encode("latin-1")
    assert (tmp_path / "latin.py").read_bytes() == fixed


def test_bom(tmp_path: Path) -> None:
    (tmp_path / "bom.py").write_bytes(codecs.BOM_UTF8 + OTHER.encode())
    code, lines = run_with_other(tmp_path, "bom.py")
    assert code == 1 and [line.split(" [")[0] for line in lines] == ["bom.py:4:5: TFV103"]  # BOM: no column
    tfvarfix("--fix", "bom.py", cwd=tmp_path)
    assert (tmp_path / "bom.py").read_bytes() == codecs.BOM_UTF8 + OTHER.replace(
        ".kernel", ".cell.kernel"
    ).encode()


@pytest.mark.parametrize(
    "newlines",
    [pytest.param(["\r\n"] * 4, id="crlf"), pytest.param(["\n", "\r\n", "\r", "\r\n"], id="mixed")],
)
def test_crlf_and_mixed_line_endings(tmp_path: Path, newlines: list[str]) -> None:
    data = "".join(line + nl for line, nl in zip(OTHER.splitlines(), newlines, strict=True))
    (tmp_path / "nl.py").write_bytes(data.encode())
    code, lines = run_with_other(tmp_path, "nl.py")
    assert code == 1 and [line.split(" [")[0] for line in lines] == ["nl.py:4:5: TFV103"]
    tfvarfix("--fix", "nl.py", cwd=tmp_path)
    assert (tmp_path / "nl.py").read_bytes() == data.replace(".kernel", ".cell.kernel").encode()  # byte-exact


def test_tabs(tmp_path: Path) -> None:
    body = "import tensorflow as tf\ndef f():\n\tlstm = tf.keras.layers.LSTM(4)\n\tlstm.build((None, 3, 5))\n"
    (tmp_path / "tabs.py").write_text(body + "\tif True:\n\t\treturn lstm.kernel\n")
    (tmp_path / "mixed_tabs.py").write_text("import tensorflow as tf\nif x:\n\ty = 1\n        z = 2\n")
    code, lines = run_with_other(tmp_path, "tabs.py")
    assert code == 1 and [line.split(" [")[0] for line in lines] == ["tabs.py:6:10: TFV103"]
    code, lines = run_with_other(tmp_path, "mixed_tabs.py")
    assert code == 1 and len(lines) == 1 and "TFV001" in lines[0]  # Python's TabError, as a syntax error


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.py").write_bytes(b"")
    code, lines = run_with_other(tmp_path, "empty.py")
    assert code == 1 and lines == []  # nothing to say about it; the 1 is other.py's
    assert tfvarfix("empty.py", cwd=tmp_path).returncode == 0


def test_ten_megabyte_file(tmp_path: Path) -> None:
    # A TF module carrying a 10 MB model blob (one string token): parsed and analyzed in full.
    blob = "A" * 76
    text = "import tensorflow as tf\nMODEL = '''\n" + (blob + "\n") * 132_000 + "'''\n" + OTHER
    (tmp_path / "big.py").write_text(text)
    assert (tmp_path / "big.py").stat().st_size > 10_000_000
    started = time.perf_counter()
    code, lines = run_with_other(tmp_path, "big.py")
    elapsed = time.perf_counter() - started
    assert code == 1 and [line.split(" [")[0] for line in lines] == ["big.py:132007:5: TFV103"]
    assert elapsed < TIMEOUT, elapsed


def test_thousands_of_joined_strings(tmp_path: Path) -> None:
    # Valid Python that libcst's parser refuses (more than ~3,000 implicitly joined strings): said plainly.
    text = "import tensorflow as tf\nBLOB = (\n" + '    "abcd"\n' * 5000 + ")\n"
    (tmp_path / "joined.py").write_text(text)
    code, lines = run_with_other(tmp_path, "joined.py")
    assert code == 1 and len(lines) == 1
    assert "TFV001 cannot analyze: Python accepts this file but libcst's parser does not" in lines[0]


@pytest.mark.parametrize(
    "statement",
    [
        pytest.param("x = " + "(" * 3000 + "1" + ")" * 3000, id="parens"),
        pytest.param("x = " + "-" * 100_000 + "1", id="unary-chain"),
        pytest.param("x = " + " + ".join(["a"] * 50_000), id="operator-chain"),
        pytest.param("x = " + "[" * 1600 + "]" * 1600, id="lists"),
        pytest.param(
            "def f():\n" + "".join(" " * i + "if x:\n" for i in range(1, 120)) + " " * 120 + "pass",
            id="blocks",
        ),
    ],
)
def test_deeply_nested_expressions(tmp_path: Path, statement: str) -> None:
    (tmp_path / "deep.py").write_text("import tensorflow as tf\n" + statement + "\n")
    code, lines = run_with_other(tmp_path, "deep.py")
    assert code == 1 and len(lines) == 1 and " TFV001 " in lines[0], lines


def test_directory_named_like_a_source_file(tmp_path: Path) -> None:
    (tmp_path / "x.py").mkdir()
    (tmp_path / "x.py" / "inner.py").write_text(OTHER)
    code, lines = run_with_other(tmp_path, "x.py")
    assert code == 1 and [line.split(" [")[0] for line in lines] == ["x.py/inner.py:4:5: TFV103"]
    code, lines = run_with_other(tmp_path, "x.py", args=(".",))  # met in a walk: a directory, walked
    assert [line.split(" [")[0] for line in lines] == ["x.py/inner.py:4:5: TFV103"]


def test_broken_symlink(tmp_path: Path) -> None:
    (tmp_path / "broken.py").symlink_to(tmp_path / "gone.py")
    code, lines = run_with_other(tmp_path, "broken.py", args=(".",))
    assert code == 1 and lines == [
        f"broken.py:1:1: TFV002 cannot read file: broken symbolic link to '{tmp_path / 'gone.py'}'"
    ]


def test_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "loop.py").symlink_to("loop2.py")
    (tmp_path / "loop2.py").symlink_to("loop.py")
    code, lines = run_with_other(tmp_path, "loop", args=(".",))
    assert code == 1 and lines == [
        "loop.py:1:1: TFV002 cannot read file: symbolic link loop (Too many levels of symbolic links)",
        "loop2.py:1:1: TFV002 cannot read file: symbolic link loop (Too many levels of symbolic links)",
    ]


def test_unreadable_file(tmp_path: Path) -> None:
    locked = tmp_path / "locked.py"
    locked.write_text(OTHER)
    locked.chmod(0)
    # As root, the check runs without the power to read everything (tests/privileges.py).
    code, lines = run_with_other(tmp_path, "locked.py", preexec=drop_read_override)
    assert code == 1 and lines == ["locked.py:1:1: TFV002 cannot read file: Permission denied"]


def test_path_that_does_not_exist(tmp_path: Path) -> None:
    code, lines = run_with_other(tmp_path, "missing.py")
    assert code == 1 and lines == ["missing.py:1:1: TFV002 cannot read file: No such file or directory"]


def test_fifo(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.py")  # nobody ever writes to it: opening it for reading would hang
    code, lines = run_with_other(tmp_path, "pipe.py")
    assert code == 1 and lines == ["pipe.py:1:1: TFV002 cannot read file: is a FIFO, not a regular file"]
    code, lines = run_with_other(tmp_path, "pipe.py", args=(".",))  # met in a walk: skipped
    assert lines == []


def test_exit_codes(tmp_path: Path) -> None:
    (tmp_path / "clean.py").write_text(OTHER.replace(".kernel", ".cell.kernel"))
    assert tfvarfix("clean.py", cwd=tmp_path).returncode == 0
    (tmp_path / "other.py").write_text(OTHER)
    assert tfvarfix("other.py", cwd=tmp_path).returncode == 1
    assert tfvarfix("--exit-zero", "other.py", cwd=tmp_path).returncode == 0
    usage = tfvarfix("--no-such-flag", "other.py", cwd=tmp_path)
    assert usage.returncode == 2 and "Traceback" not in usage.stderr
    (tmp_path / "pyproject.toml").write_text("[tool.tfvarfix]\nselect = 3\n")
    config = tfvarfix("other.py", cwd=tmp_path)
    assert config.returncode == 2 and "Traceback" not in config.stderr
    assert len(config.stderr.strip().splitlines()) == 1, config.stderr


def test_a_module_too_large_to_parse_is_refused_in_one_line(tmp_path: Path) -> None:
    # 150,000 statements of three tokens each: past engine.MAX_TOKENS, so not parsed (libcst would need about
    # 1 GB); said in one TFV005 line while the other file is checked as usual. A long string stays one token.
    text = "import tensorflow as tf\n" + "x = 1\n" * 150_000
    (tmp_path / "huge.py").write_text(text)
    started = time.perf_counter()
    code, lines = run_with_other(tmp_path, "huge.py")
    elapsed = time.perf_counter() - started
    assert code == 1 and [line.split(" not checked")[0] for line in lines] == ["huge.py:1:1: TFV005"]
    assert "over the limit of 400,000" in lines[0]
    assert elapsed < TIMEOUT, elapsed
