"""The real-world reproduction corpus: one program per file, described by its module docstring.

Each file's docstring carries `Source:`, `Shape:`, `Target:` and `Runtime:` lines; `# expect: TFVnnn` comments mark
where a careful linter reports. `load_cases()` reads every file of `cases/` and `lookalikes/`.
"""

from __future__ import annotations

import ast
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent
FOLDERS = ("cases", "lookalikes")

_FIELD = re.compile(r"^(Source|Shape|Target|Runtime):\s*(.*)$")
_RUNTIME = re.compile(r"^(?:(raises)\s+([\w.]+):\s*(.*)|(silent):\s*(.*)|(runs)\b.*)$")
_EXPECT = re.compile(r"#\s*expect:\s*(TFV\d{3}(?:\s*,\s*TFV\d{3})*)")


@dataclass(frozen=True)
class Case:
    path: Path
    source: str  # the report's URL (the `Source:` line)
    shape: tuple[str, ...]
    target: str  # keras3 | tf_keras | tf1
    runtime_kind: str  # raises | silent | runs
    runtime_text: str  # `raises`: the message substring; `silent`: what goes wrong; `runs`: ""
    exception: str | None = None  # `raises`: the exception type name
    expected: list[tuple[int, str]] = field(default_factory=list)  # (1-based line, code)

    @property
    def id(self) -> str:
        return self.path.stem

    @property
    def lookalike(self) -> bool:
        return self.path.parent.name == "lookalikes"


def parse_case(path: Path) -> Case:
    text = path.read_text(encoding="utf-8")
    doc = ast.get_docstring(ast.parse(text), clean=True)
    if not doc:
        raise ValueError(f"{path}: no module docstring")
    fields: dict[str, str] = {}
    for line in doc.splitlines():
        if match := _FIELD.match(line.strip()):
            fields[match[1]] = match[2].strip()
    missing = {"Source", "Shape", "Target", "Runtime"} - fields.keys()
    if missing:
        raise ValueError(f"{path}: header lacks {sorted(missing)}")
    runtime = _RUNTIME.match(fields["Runtime"])
    if runtime is None:
        raise ValueError(f"{path}: bad Runtime line {fields['Runtime']!r}")
    if runtime[1]:
        kind, exception, detail = "raises", runtime[2], runtime[3].strip()
    elif runtime[4]:
        kind, exception, detail = "silent", None, runtime[5].strip()
    else:
        kind, exception, detail = "runs", None, ""
    expected = [
        (number, code.strip())
        for number, line in enumerate(text.splitlines(), start=1)
        if (match := _EXPECT.search(line))
        for code in match[1].split(",")
    ]
    return Case(
        path=path,
        source=fields["Source"],
        shape=tuple(part.strip() for part in fields["Shape"].split(",") if part.strip()),
        target=fields["Target"],
        runtime_kind=kind,
        runtime_text=detail,
        exception=exception,
        expected=expected,
    )


def case_files() -> list[Path]:
    return sorted(path for folder in FOLDERS for path in (ROOT / folder).glob("*.py"))


def load_cases() -> list[Case]:
    return [parse_case(path) for path in case_files()]


def program_env() -> dict[str, str]:
    """The environment a reproduction runs in: this one without `TF_USE_LEGACY_KERAS` (a tf_keras program sets
    it itself), quiet, on the CPU, with hash seeds fixed."""
    from tests.runtime.harness import tf_env

    return tf_env(legacy=False, backend="tensorflow")


# ------------------------------------------------------------------------------------ runtime outcomes
_BUG = "TFVARFIX-BUG"


def _final_exception(stderr: str) -> str:
    """The exception line (and message after it) of the last traceback in stderr."""
    lines = stderr.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("Traceback (most recent call last):")]
    if not starts:
        return ""
    rest = lines[starts[-1] + 1 :]
    for i, line in enumerate(rest):
        # Python 3.11 may print column-0 caret lines (`^^^^`, `~~~^~~~`) under the source lines of a frame.
        if line and not line[0].isspace() and not _carets(line):
            return "\n".join(rest[i:])
    return ""


def _carets(line: str) -> bool:
    """A traceback's position marker line: only `^`, `~` and spaces."""
    return not line.strip(" ^~")


def run_case(path: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a reproduction under real TensorFlow, as its own program, from `cwd` (in the environment
    `program_env` gives: tests/runtime/harness.py runs it, forked from a process that imported TensorFlow)."""
    from tests.runtime.harness import run_script

    return run_script(path, cwd)


def assert_runtime(case: Case, proc: subprocess.CompletedProcess[str]) -> None:
    """The finished program showed what its header's `Runtime:` line claims (the exception and its message; the
    probe's TFVARFIX-BUG; a clean exit)."""
    report = f"exit {proc.returncode}\n--- stdout ---\n{proc.stdout[-3000:]}\n--- stderr ---\n{proc.stderr[-3000:]}"
    if case.runtime_kind == "raises":
        assert proc.returncode != 0, report
        final = _final_exception(proc.stderr)
        head = final.split("\n", 1)[0]
        kind = head.split(":", 1)[0].strip()
        assert kind.rsplit(".", 1)[-1] == case.exception, f"expected {case.exception}, got {head!r}\n{report}"
        assert case.runtime_text in final, f"{case.runtime_text!r} not in the message\n{report}"
    elif case.runtime_kind == "silent":
        assert proc.returncode == 0, report
        assert _BUG in proc.stdout, report
    else:
        assert proc.returncode == 0, report
        assert _BUG not in proc.stdout, report
