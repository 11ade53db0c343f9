"""One parametrized walk over testdata/: markers equal findings, messages equal their snapshot, good is silent,
fixes are golden and converge.

The messages of `bad*.py` are pinned in `bad*.messages` beside it (`line:column CODE message`, one per finding).
After a deliberate message change: `TFVARFIX_SNAPSHOTS=update python -m pytest tests/test_testdata.py`, then read
the diff."""

from __future__ import annotations

import os

import libcst as cst
import pytest

from tests.fixtures import TESTDATA, Case, cases, expected_markers
from tfvarfix.engine import check_text
from tfvarfix.rule import registry
from tfvarfix.types import FixAvailability

ALL_RULES = list(registry().rules.values())


def _read(case: Case) -> str:
    return case.path.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", cases("bad"), ids=lambda c: c.id)
def test_bad_fixture_findings_match_markers(case: Case) -> None:
    # The folder's rule must match its markers exactly; other codes are checked where the file marks them.
    text = _read(case)
    expected = expected_markers(text)
    assert any(code == case.code for _, code in expected), f"{case.id} has no `# expect: {case.code}` marker"
    checked = {case.code} | {code for _, code in expected}
    diagnostics = [d for d in check_text(text, ALL_RULES).diagnostics if d.code in checked]
    assert sorted((d.line, d.code) for d in diagnostics) == expected
    lines = sorted((d.line, d.column, d.code, d.message) for d in diagnostics)
    snapshot = "".join(f"{line}:{column} {code} {message}\n" for line, column, code, message in lines)
    pinned = case.path.with_suffix(".messages")
    if os.environ.get("TFVARFIX_SNAPSHOTS") == "update":
        pinned.write_text(snapshot, encoding="utf-8")
    assert pinned.exists(), f"{pinned.name} is missing: run with TFVARFIX_SNAPSHOTS=update and read it"
    assert snapshot == pinned.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", cases("good"), ids=lambda c: c.id)
def test_good_fixture_is_silent(case: Case) -> None:
    diagnostics = check_text(_read(case), ALL_RULES).diagnostics
    assert [(d.line, d.code, d.message) for d in diagnostics] == []


@pytest.mark.parametrize("case", cases("bad"), ids=lambda c: c.id)
def test_fix_is_golden_parses_and_converges(case: Case) -> None:
    rule = registry().rules[case.code]
    text = _read(case)
    outcome = check_text(text, [rule], fix=True, unsafe=True)
    fixed_path = case.sibling("fixed")
    if outcome.text == text:
        assert not fixed_path.exists(), (
            f"{fixed_path.name} exists but {case.code} fixes nothing in {case.path.name}"
        )
        return
    assert fixed_path.exists(), f"{case.code} fixes {case.path.name}; write the result to {fixed_path.name}"
    assert outcome.text == fixed_path.read_text(encoding="utf-8")
    cst.parse_module(outcome.text)
    again = check_text(outcome.text, [rule], fix=True, unsafe=True)
    assert again.text == outcome.text, "a second --fix changed the file again"
    assert not any(d.fix is not None for d in again.diagnostics), "fixable findings remain after the fix"


@pytest.mark.parametrize("code", sorted(registry().rules))
def test_every_rule_has_fixtures(code: str) -> None:
    rule = registry().rules[code]
    folder = TESTDATA / code
    assert list(folder.glob("bad*.py")), f"{code} has no bad fixture"
    assert list(folder.glob("good*.py")), f"{code} has no good fixture"
    has_fixed = bool(list(folder.glob("fixed*.py")))
    assert has_fixed == (rule.FIX_AVAILABILITY is not FixAvailability.NEVER)


def test_no_fixture_folder_without_a_rule() -> None:
    folders = {p.name for p in TESTDATA.glob("TFV*") if p.is_dir()}
    assert folders <= set(registry().rules)
