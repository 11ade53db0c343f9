"""`--output-format sarif`: SARIF 2.1.0, as GitHub code scanning reads it.

Paths under the working directory become relative URIs against `%SRCROOT%` (the checkout, for code scanning);
others become absolute `file:` URIs. Columns are 1-based code points, declared by `run.columnKind` (SARIF's
default unit is UTF-16 code units). A rule's `helpUri` is written only when it is absolute, as SARIF requires;
its `help` is the rule's page (text and markdown, which GitHub code scanning shows), its
`defaultConfiguration.level` the rule's severity, and each result's `level` the finding's own.
"""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePath
from typing import Any, TextIO
from urllib.parse import quote

from tfvarfix.output.cells import label, position
from tfvarfix.output.report import Report, RuleInfo, diagnostics, display_path, info_for, verified
from tfvarfix.types import Diagnostic, FileResult, Range, Severity

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"


def artifact_location(path: str) -> dict[str, str]:
    shown = PurePath(display_path(path))
    if not shown.is_absolute() and (not shown.parts or shown.parts[0] != ".."):
        return {"uri": quote(shown.as_posix()), "uriBaseId": SRCROOT}
    return {"uri": Path(path).resolve().as_uri()}


def region(where: Range) -> dict[str, int]:
    return {
        "startLine": where.start.line,
        "startColumn": where.start.column + 1,
        "endLine": where.end.line,
        "endColumn": where.end.column + 1,
    }


def _is_absolute_uri(uri: str) -> bool:
    scheme, colon, rest = uri.partition(":")
    return bool(
        colon and rest and scheme[:1].isalpha() and scheme.replace("+", "").replace("-", "").isalnum()
    )


def plain_text(markdown: str) -> str:
    """A rule page as `help.text`: the markdown without its HTML comments (what a text viewer should not show)."""
    text = re.sub(r"<!--.*?-->\n*", "", markdown, flags=re.DOTALL)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def descriptor(info: RuleInfo) -> dict[str, Any]:
    description = info.full_description or info.summary or info.name
    rule: dict[str, Any] = {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": info.summary or info.name},
        "fullDescription": {"text": description},
        "help": {
            "text": plain_text(info.help_markdown) if info.help_markdown else description,
            "markdown": info.help_markdown or description,
        },
        "defaultConfiguration": {"level": "warning" if info.severity == Severity.WARNING.value else "error"},
    }
    if _is_absolute_uri(info.help_uri):
        rule["helpUri"] = info.help_uri
    rule["properties"] = {"fix_availability": info.fix_availability, "fix_safety": info.fix_safety}
    return rule


def result_object(report: Report, result: FileResult, diagnostic: Diagnostic, index: int) -> dict[str, Any]:
    location = artifact_location(result.path)
    # A notebook: lines count in the cell named in the message, and fixes (edits of cells, not of the
    # file's JSON lines) are left out.
    cell = label(result, diagnostic)
    where = Range(*(position(result, diagnostic, p) for p in (diagnostic.range.start, diagnostic.range.end)))
    sarif: dict[str, Any] = {
        "ruleId": diagnostic.code,
        "ruleIndex": index,
        "level": "warning" if diagnostic.severity is Severity.WARNING else "error",
        "message": {"text": f"{cell} {diagnostic.message}" if cell else diagnostic.message},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region(where)}}],
    }
    fix = diagnostic.fix if not cell else None
    if fix is not None:
        properties: dict[str, Any] = {"safety": fix.safety.value, "verify": fix.checks.value}
        confirmed = verified(report, result, diagnostic)
        if confirmed is not None:
            properties["verified"] = confirmed
        if fix.renames:
            properties["renames"] = [{"kind": r.kind, "old": r.old, "new": r.new} for r in fix.renames]
        changes = [
            {
                "artifactLocation": dict(location) if path is None else artifact_location(path),
                "replacements": [
                    {"deletedRegion": region(edit.range), "insertedContent": {"text": edit.content}}
                    for edit in fix.edits_in(path)
                ],
            }
            for path in (None, *fix.other_files)  # a fix that spans files changes each of them
        ]
        sarif["fixes"] = [
            {
                "description": {"text": fix.title or diagnostic.message},
                "artifactChanges": [c for c in changes if c["replacements"]],
                "properties": properties,
            }
        ]
    return sarif


def document(report: Report) -> dict[str, Any]:
    """The SARIF log: one run, the selected rules (and any built-in code that occurs) sorted by code."""
    infos: dict[str, RuleInfo] = {info.code: info for info in report.rules.values()}
    found = list(diagnostics(report))
    for _, diagnostic in found:
        if diagnostic.code not in infos:
            infos[diagnostic.code] = info_for(report, diagnostic)
    codes = sorted(infos)
    indexes = {code: i for i, code in enumerate(codes)}
    driver: dict[str, Any] = {"name": "tfvarfix"}
    if report.tool_version:
        driver["version"] = report.tool_version
    if report.information_uri:
        driver["informationUri"] = report.information_uri
    driver["rules"] = [descriptor(infos[code]) for code in codes]
    run = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "results": [result_object(report, r, d, indexes[d.code]) for r, d in found],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def write(report: Report, out: TextIO) -> None:
    out.write(json.dumps(document(report), indent=2) + "\n")
