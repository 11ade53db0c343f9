"""What every formatter reads: the `Report`, rule metadata as `RuleInfo`, and the helpers they share."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tfvarfix.types import Diagnostic, FileResult, Fix, FixAvailability, FixSafety

# (FileResult.path, code, line, column) of a diagnostic's start, in `types` convention (1-based line, 0-based
# column), mapped to whether `verify` confirmed its fix.
VerifiedKey = tuple[str, str, int, int]


@dataclass(frozen=True)
class RuleInfo:
    """A rule as the outputs describe it (SARIF's rule table, JSON's `url`, statistics' names)."""

    code: str
    name: str
    summary: str  # the first paragraph of "What it does", on one line
    fix_availability: str  # FixAvailability value: never | sometimes | always
    fix_safety: str  # FixSafety value: safe | unsafe
    help_uri: str  # the rule's page, an absolute URI (see tfvarfix.catalog); "" when the code has no page
    full_description: str  # "What it does" and "Why is this bad?", markdown
    help_markdown: str = ""  # the whole rule page, markdown; "" falls back to full_description
    severity: str = "error"  # Severity value: error | warning (a finding may still say warning)


@dataclass(frozen=True)
class Report:
    """Everything a formatter needs; built by the CLI (or any client) after the engine ran."""

    results: tuple[FileResult, ...]  # per file, in discovery order
    rules: Mapping[str, RuleInfo] = field(default_factory=dict)  # the selected codes
    fix_mode: bool = False
    unsafe_fixes: bool = False
    show_fixes: bool = False
    statistics: bool = False
    tool_version: str = ""
    verified: Mapping[VerifiedKey, bool] = field(default_factory=dict)
    information_uri: str | None = None  # an absolute URL for SARIF's tool.driver.informationUri
    quiet: bool = False  # `--quiet`: the findings only, no summary


def _builtin(code: str, name: str, summary: str) -> RuleInfo:
    return RuleInfo(
        code=code,
        name=name,
        summary=summary,
        fix_availability=FixAvailability.NEVER.value,
        fix_safety=FixSafety.UNSAFE.value,
        help_uri="",
        full_description=summary,
    )


# Codes the engine reports about files rather than about code; they have no Rule class and no page.
BUILTIN_RULES: Mapping[str, RuleInfo] = {
    info.code: info
    for info in (
        _builtin("TFV001", "syntax-error", "The file cannot be parsed as Python, so it was not checked."),
        _builtin("TFV002", "unreadable-file", "The file cannot be read or decoded, so it was not checked."),
        _builtin(
            "TFV003",
            "fix-failed",
            "A fix could not be applied: it would break the syntax, or the fixes did not converge.",
        ),
        _builtin("TFV004", "internal-error", "tfvarfix failed on this file; please report it with the file."),
        _builtin(
            "TFV005",
            "file-too-large",
            "The module holds more tokens than the parser can take in bounded memory (engine.MAX_TOKENS, about "
            "0.9 GB), so it was not checked.",
        ),
    )
}

# File-level codes: their position says nothing about the code, so no source snippet is shown.
FILE_LEVEL_CODES = frozenset({"TFV002", "TFV003", "TFV004", "TFV005"})


def rule_info(rule_cls: Any, docs_url: str | None = None) -> RuleInfo:
    """Describe a Rule class. `docs_url`, when given, is the absolute URL of the folder of the `TFVnnn.md`
    pages; by default the pages are where `tfvarfix.catalog.page_uri` finds them (the packaged copy)."""
    from tfvarfix import catalog
    from tfvarfix.rule import parse_doc_sections

    sections = parse_doc_sections(rule_cls.__doc__ or "")
    what = sections.get("What it does", "").strip()
    why = sections.get("Why is this bad?", "").strip()
    code: str = rule_cls.CODE
    markdown = catalog.page_markdown(code) or "\n\n".join(
        f"## {title}\n{body.strip()}" for title, body in sections.items()
    )
    return RuleInfo(
        code=code,
        name=rule_cls.NAME,
        summary=first_paragraph(what) or str(rule_cls.MESSAGE),
        fix_availability=_value(rule_cls.FIX_AVAILABILITY),
        fix_safety=_value(rule_cls.FIX_SAFETY),
        help_uri=catalog.page_uri(code, docs_url),
        full_description="\n\n".join(part for part in (what, why) if part),
        help_markdown=markdown,
        severity=_value(getattr(rule_cls, "SEVERITY", "error")),
    )


def _value(member: object) -> str:
    value = getattr(member, "value", member)
    return str(value)


def table_info(code: str, docs_url: str | None = None) -> RuleInfo:
    """`rule_info` of a rule, from the generated table (`tfvarfix.rule_table`): no rule is imported."""
    from tfvarfix import catalog
    from tfvarfix.rule_table import RULES

    row = RULES[code]
    return RuleInfo(
        code=code,
        name=row["name"],
        summary=row["summary"],
        fix_availability=row["fix_availability"],
        fix_safety=row["fix_safety"],
        help_uri=catalog.page_uri(code, docs_url),
        full_description=row["full_description"],
        help_markdown=catalog.page_markdown(code) or row["full_description"],
        severity=row["severity"],
    )


def first_paragraph(text: str) -> str:
    lines: list[str] = []
    for line in text.strip().splitlines():
        if not line.strip():
            break
        lines.append(line.strip())
    return " ".join(lines)


def info_for(report: Report, diagnostic: Diagnostic) -> RuleInfo:
    """The RuleInfo of a diagnostic's code: the selected rules, the built-in codes, else the diagnostic."""
    info = report.rules.get(diagnostic.code) or BUILTIN_RULES.get(diagnostic.code)
    if info is not None:
        return info
    return RuleInfo(
        code=diagnostic.code,
        name=diagnostic.name,
        summary=diagnostic.message,
        fix_availability=FixAvailability.NEVER.value
        if diagnostic.fix is None
        else FixAvailability.SOMETIMES.value,
        fix_safety=(diagnostic.fix.safety if diagnostic.fix else FixSafety.UNSAFE).value,
        help_uri="",
        full_description=diagnostic.message,
    )


def applicable(fix: Fix | None, unsafe_fixes: bool) -> bool:
    """Whether `--fix` would apply `fix` under this report's `--unsafe-fixes` setting."""
    return fix is not None and (unsafe_fixes or fix.safety is FixSafety.SAFE)


def hidden(fix: Fix | None, unsafe_fixes: bool) -> bool:
    """An unsafe fix that `--unsafe-fixes` would enable."""
    return fix is not None and not unsafe_fixes and fix.safety is FixSafety.UNSAFE


def ordered(result: FileResult) -> list[Diagnostic]:
    return sorted(result.diagnostics, key=lambda d: (d.range.start, d.range.end, d.code))


def diagnostics(report: Report) -> Iterator[tuple[FileResult, Diagnostic]]:
    """Every remaining diagnostic, files in discovery order, each file's in source order."""
    for result in report.results:
        for diagnostic in ordered(result):
            yield result, diagnostic


def display_path(path: str, cwd: Path | None = None) -> str:
    """`path` relative to the working directory when it lies under it, else as given."""
    if not path or path == "-" or path.startswith("<"):
        return path
    base = cwd if cwd is not None else Path.cwd()
    candidate = Path(path)
    absolute = candidate if candidate.is_absolute() else base / candidate
    try:
        relative = absolute.relative_to(base)
    except ValueError:
        return path
    return str(relative) if relative.parts else path


def shown_source(result: FileResult) -> str | None:
    """The text the remaining diagnostics point into: the fixed text once fixes were applied."""
    return result.fixed_source if result.fixed_source is not None else result.source


def verified(report: Report, result: FileResult, diagnostic: Diagnostic) -> bool | None:
    key = (result.path, diagnostic.code, diagnostic.range.start.line, diagnostic.range.start.column)
    return report.verified.get(key)
