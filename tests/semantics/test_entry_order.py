"""Findings, their messages and their fixes must not depend on the order the interpreter runs a module's entries
(the functions no code of the module calls). That order is a heuristic (callers first, `_callers_first`); an
editor that re-analyses only what an edit touched, or a future change to the heuristic, must not change what a
user sees. Checked here by running every testdata fixture and real-world reproduction a second time with the
entries of each group in reverse."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import TESTDATA
from tfvarfix import api
from tfvarfix.semantics import interp
from tfvarfix.semantics.scoping import Scopes
from tfvarfix.semantics.values import FuncObj

ROOT = TESTDATA.parent
FILES = sorted([*TESTDATA.rglob("*.py"), *(ROOT / "tests" / "realworld" / "cases").glob("*.py")])


def _digest(path: Path) -> list[tuple[int, int, str, str, object]]:
    result = api.check_source(path.read_text(encoding="utf-8"), str(path))
    return sorted(
        (d.line, d.column, d.code, d.message, d.fix and (d.fix.title, d.fix.safety.value, d.fix.edits))
        for d in result.diagnostics
    )  # type: ignore[type-var]


@pytest.fixture(scope="module")
def normal() -> dict[Path, list[tuple[int, int, str, str, object]]]:
    return {path: _digest(path) for path in FILES}


def test_reversed_entries_give_the_same_findings_and_fixes(
    normal: dict[Path, list[tuple[int, int, str, str, object]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    original = interp._callers_first

    def reversed_order(functions: list[FuncObj], scopes: Scopes) -> list[FuncObj]:
        ordered = original(functions, scopes)
        callers = original(list(reversed(functions)), scopes)  # the same groups, each reversed
        return callers if sorted(map(id, callers)) == sorted(map(id, ordered)) else ordered

    monkeypatch.setattr(interp, "_callers_first", reversed_order)
    changed = [path.relative_to(ROOT) for path in FILES if _digest(path) != normal[path]]
    assert changed == []
