"""Rule pages are generated from the rules and current; every rule's Example triggers it, Use instead does not."""

from __future__ import annotations

import pytest

from tfvarfix import docs
from tfvarfix.engine import check_text
from tfvarfix.rule import DOC_SECTIONS, Rule, RuleError, registry, validate


def test_pages_are_current() -> None:
    for path, content in docs.expected_files().items():
        assert path.exists(), f"{path} is missing: run `python -m tfvarfix.docs`"
        assert path.read_text(encoding="utf-8") == content, f"{path} is stale: run `python -m tfvarfix.docs`"
    pages = {p.name for p in docs.RULES_DIR.glob("TFV*.md")}
    assert pages == {f"{code}.md" for code in registry().rules}


@pytest.mark.parametrize("code", sorted(registry().rules))
def test_example_triggers_and_use_instead_does_not(code: str) -> None:
    rule = registry().rules[code]
    example = docs.example_code(rule, "Example")
    use_instead = docs.example_code(rule, "Use instead")
    assert example and use_instead
    assert any(d.code == code for d in check_text(example, [rule]).diagnostics)
    assert not check_text(use_instead, [rule]).diagnostics


@pytest.mark.parametrize("code", sorted(registry().rules))
def test_docstring_has_every_section_in_order(code: str) -> None:
    assert list(registry().rules[code].doc_sections()) == list(DOC_SECTIONS)


@pytest.mark.parametrize("code", sorted(registry().rules))
def test_rule_metadata_is_valid(code: str) -> None:
    validate(registry().rules[code])


def test_validate_names_what_is_malformed() -> None:
    class Nameless(Rule):
        """No sections."""

        CODE = "TFV999"
        NAME = "Not_Kebab"
        MESSAGE = "m"

    with pytest.raises(RuleError, match="NAME must be kebab-case, got 'Not_Kebab'"):
        validate(Nameless)
    Nameless.NAME = "nameless"
    with pytest.raises(RuleError, match="docstring lacks the sections"):
        validate(Nameless)
