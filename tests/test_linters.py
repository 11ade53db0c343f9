"""The linters people already run: the flake8 plugin, and problem matchers on the concise output."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

BAD = "import tensorflow as tf\nlstm = tf.keras.layers.LSTM(4)\nlstm.build((None, 2, 3))\nk = lstm.kernel\n"

# The problem matcher docs/editors.md gives for VS Code tasks (and GitHub's `::add-matcher::`): the concise
# line, with ruff's optional `cell N:` for notebooks.
TFVARFIX_MATCHER = re.compile(
    r"^(?P<file>.+?):(?:cell (?P<cell>\d+):)?(?P<line>\d+):(?P<column>\d+): (?P<code>[A-Z]+\d+) "
    r"(?:\[\*\] )?(?P<message>.*)$"
)
# The matcher flake8 users have long used (as in VS Code's and many CI flake8 matchers).
FLAKE8_MATCHER = re.compile(r"^(.*):(\d+):(\d+): ([A-Z]+\d+) (.*)$")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=cwd, check=False)


def test_flake8_select_tfv_reports_findings(tmp_path: Path) -> None:
    (tmp_path / "model.py").write_text(BAD, encoding="utf-8")
    (tmp_path / "quiet.py").write_text(BAD.replace("lstm.kernel", "lstm.kernel  # noqa: TFV103"), "utf-8")
    done = run("flake8", "--select", "TFV", ".", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == [
        "./model.py:4:5: TFV103 `lstm.kernel` raises AttributeError: LSTM keeps its weights on `.cell`; "
        "use `lstm.cell.kernel`"
    ]


def test_flake8_plugin_follows_the_tfvarfix_config(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.tfvarfix]\nignore = ["TFV103"]\n', encoding="utf-8")
    (tmp_path / "model.py").write_text(BAD, encoding="utf-8")
    done = run("flake8", "--select", "TFV", "model.py", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, "")


def test_flake8_plugin_reports_a_syntax_error_as_one_line(tmp_path: Path) -> None:
    (tmp_path / "broken.py").write_text("import tensorflow as tf\nx = (1,\n", encoding="utf-8")
    done = run("flake8", "--select", "TFV,E999", "broken.py", cwd=tmp_path)
    assert "Traceback" not in done.stderr
    assert all(FLAKE8_MATCHER.match(line) for line in done.stdout.splitlines())


def test_problem_matchers_read_the_concise_format(tmp_path: Path) -> None:
    (tmp_path / "model.py").write_text(BAD, encoding="utf-8")
    notebook = (
        '{"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null, '
        '"source": ["%matplotlib inline\\n", '
        + ", ".join(f'"{line}\\n"' for line in BAD.splitlines())
        + "]}], "
        '"metadata": {}, "nbformat": 4, "nbformat_minor": 5}'
    )
    (tmp_path / "book.ipynb").write_text(notebook, encoding="utf-8")
    done = run("tfvarfix", "--output-format", "concise", "--quiet", ".", cwd=tmp_path)
    lines = done.stdout.splitlines()
    assert len(lines) == 2, done.stdout
    matched = [TFVARFIX_MATCHER.match(line) for line in lines]
    assert [m.group("file", "cell", "line", "column", "code") for m in matched if m] == [
        ("book.ipynb", "1", "5", "5", "TFV103"),
        ("model.py", None, "4", "5", "TFV103"),
    ]
    plain = FLAKE8_MATCHER.match(lines[1])
    assert plain is not None and plain.groups()[:4] == ("model.py", "4", "5", "TFV103")
