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
    """Replace the text in `range` with `content` (an empty range inserts, empty content deletes)."""

    range: Range
    content: str


@dataclass(frozen=True)
class Fix:
    title: str
    safety: FixSafety
    edits: tuple[Edit, ...]
    checks: VerifyCheck


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
class FileResult:
    """What one file produced. `fixed_source` is set when fixes were applied (in memory)."""

    path: str
    diagnostics: tuple[Diagnostic, ...]
    status: FileStatus = FileStatus.CHECKED
    source: str | None = None
    fixed_source: str | None = None
    applied_fixes: tuple[Diagnostic, ...] = field(default=())
    notes: tuple[str, ...] = field(default=())

    @property
    def changed(self) -> bool:
        return self.fixed_source is not None and self.fixed_source != self.source
