"""The results tfvarfix produces: frozen, picklable dataclasses shared by every client.

Positions are 1-based lines and 0-based columns counted in code points, as in libcst; outputs convert
to their own convention (1-based columns for people, UTF-16 for LSP).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class FixSafety(enum.Enum):
    """Whether applying a fix keeps the program's behaviour."""

    SAFE = "safe"
    UNSAFE = "unsafe"


class FixAvailability(enum.Enum):
    """How often a rule can offer a fix."""

    NEVER = "never"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


class VerifyCheck(enum.Enum):
    """What `tfvarfix verify` must confirm for a fix.

    `equivalent`: same weights and outputs; `intended`: the rewritten model holds the value the author tried to
    give it; `repairs`: the original raises the error the rule names and the rewrite runs.
    """

    EQUIVALENT = "equivalent"
    INTENDED = "intended"
    REPAIRS = "repairs"


@dataclass(frozen=True)
class Target:
    """What a file is checked for when it does not say itself: the Keras it runs on (3, or 2 for tf_keras) and
    the package its classes register under (`register_keras_serializable(package=...)`; None: derived from the
    file's place in its package)."""

    keras_version: int = 3
    package: str | None = None
    # Where the project's modules are looked for beyond the file's own package root and folder (the
    # configuration's folder; its `src/` too): see semantics/project.py. None: imports are not followed
    # (`follow-imports = false`).
    source_roots: tuple[str, ...] | None = ()


DEFAULT_TARGET = Target()


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Position:
    line: int
    column: int


@dataclass(frozen=True)
class Range:
    start: Position
    end: Position


@dataclass(frozen=True)
class Edit:
    """Replace the text in `range` with `content` (an empty range inserts, empty content deletes).

    `path`: the file the edit is in when it is not the one the diagnostic is reported in (a fix that belongs in
    another module of the project: the helper that names the layers); None for the diagnostic's own file."""

    range: Range
    content: str
    path: str | None = None


@dataclass(frozen=True)
class IntendedValue:
    """Where the original program states a value that an `intended` fix must give a weight.

    `verify` evaluates the expression at `range` (in the source the fix was computed on) where it stands in the
    original program, and at the end of the run follows the dotted attribute path `value` on what it produced.
    A variable gives its final value, an array or number its value when evaluated, an initializer its output for
    the target weight's shape; `index` (numpy index text such as `0, :`) selects the elements meant. `weight`,
    the attribute path of the target weight on the same object, pins the rewritten weight by its path; without
    it any rewritten weight of the right shape holding the value satisfies the check.
    """

    range: Range
    value: str = ""
    weight: str = ""
    index: str = ""


@dataclass(frozen=True)
class Rename:
    """A name that a fix changes and that checkpoints or saved models record, so that what was written under
    `old` no longer loads by name: `kind` is "weight", "variable_scope" or "layer"."""

    kind: str
    old: str
    new: str


@dataclass(frozen=True)
class Fix:
    title: str
    safety: FixSafety
    edits: tuple[Edit, ...]
    checks: VerifyCheck
    intended: tuple[IntendedValue, ...] = ()  # for `intended` checks: the values the rewrite must hold
    renames: tuple[Rename, ...] = ()  # names the rewrite changes that checkpoints and saved models record

    @property
    def other_files(self) -> tuple[str, ...]:
        """The other files the fix edits (see `Edit.path`), in the order its edits name them."""
        return tuple(dict.fromkeys(e.path for e in self.edits if e.path is not None))

    def edits_in(self, path: str | None) -> tuple[Edit, ...]:
        """The edits in one file: `None`, the diagnostic's own."""
        return tuple(e for e in self.edits if e.path == path)


@dataclass(frozen=True)
class Diagnostic:
    code: str
    name: str
    message: str
    range: Range
    fix: Fix | None = None
    severity: Severity = Severity.ERROR

    @property
    def line(self) -> int:
        return self.range.start.line

    @property
    def column(self) -> int:
        return self.range.start.column


class FileStatus(enum.Enum):
    CHECKED = "checked"
    SKIPPED = "skipped"  # no mention of TensorFlow/Keras, or a file-level noqa
    FAILED = "failed"  # unreadable, undecodable or unparseable: see the TFV0xx diagnostic


@dataclass(frozen=True)
class CellMap:
    """Where a notebook's code cells lie in `program`, the one Python program tfvarfix analyzes for it.

    A notebook's diagnostics keep their ranges in program lines; outputs turn a program line into a cell
    and a line within it with `locate`. `starts[i]` is the program line (1-based) where the i-th code cell
    begins, `cells[i]` that cell's 1-based index among all the notebook's cells (markdown cells count, as
    Jupyter and ruff number them).
    """

    program: str
    starts: tuple[int, ...]
    cells: tuple[int, ...]

    def locate(self, line: int) -> tuple[int, int]:
        """(cell, line in cell), both 1-based, of a program line."""
        import bisect

        index = max(bisect.bisect_right(self.starts, line) - 1, 0)
        if not self.starts:
            return 1, line
        return self.cells[index], line - self.starts[index] + 1


@dataclass(frozen=True)
class FileResult:
    """What one file produced. `fixed_source` is set when fixes were applied (in memory).

    For a notebook, `source` and `fixed_source` are the notebook's JSON text, and `notebook` maps the
    diagnostics' program lines to cells (it describes the fixed program once fixes were applied).
    """

    path: str
    diagnostics: tuple[Diagnostic, ...]
    status: FileStatus = FileStatus.CHECKED
    source: str | None = None
    fixed_source: str | None = None
    applied_fixes: tuple[Diagnostic, ...] = field(default=())
    notes: tuple[str, ...] = field(default=())
    notebook: CellMap | None = None
    # (path, digest) of each module of the project the analysis read (whole-project analysis): a cached result
    # holds only while each of them is unchanged.
    depends: tuple[tuple[str, str], ...] = field(default=())

    @property
    def changed(self) -> bool:
        return self.fixed_source is not None and self.fixed_source != self.source
